package dev.spindle.driver;

import dev.spindle.SpindleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** saveAsTextFile through Hadoop's codecs, read back by textFile; a wrong codec name writes nothing. */
class CompressedOutputTest extends LocalExecutorsTestBase {
    @Test
    void partFilesAreCompressedNamedByTheirCodecAndReadBack(@TempDir Path out) throws Exception {
        SpindleContext sc = new SpindleContext();
        List<String> lines = IntStream.range(0, 5000).mapToObj(i -> "line " + (i % 17) + " of a compressible file")
                .toList();
        for (String codec : List.of("gzip", "bzip2", "org.apache.hadoop.io.compress.DefaultCodec")) {
            String dir = out.resolve(codec.replace('.', '_')).toString();
            sc.parallelize(lines, 3).saveAsTextFile(dir, codec);
            try (var files = Files.list(Path.of(dir))) {
                List<String> parts = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-"))
                        .sorted().toList();
                assertEquals(3, parts.size(), parts.toString());
                String ext = switch (codec) {
                    case "gzip" -> ".gz";
                    case "bzip2" -> ".bz2";
                    default -> ".deflate";
                };
                assertTrue(parts.stream().allMatch(n -> n.endsWith(ext)), parts.toString());
                long bytes = 0;
                for (String p : parts) {
                    bytes += Files.size(Path.of(dir, p));
                }
                assertTrue(bytes * 5 < String.join("\n", lines).length(), codec + " compressed to " + bytes);
            }
            assertTrue(Files.exists(Path.of(dir, "_SUCCESS")));
            assertEquals(lines.stream().sorted().toList(), sc.textFile(dir).collect().stream().sorted().toList());
        }
    }

    @Test
    void anUnknownCodecIsRefusedBeforeAnythingIsWritten(@TempDir Path out) {
        SpindleContext sc = new SpindleContext();
        String dir = out.resolve("never").toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sc.parallelize(List.of("a"), 1).saveAsTextFile(dir, "zip-it-up"));
        assertTrue(e.getMessage().contains("zip-it-up"), e.getMessage());
        assertFalse(Files.exists(Path.of(dir)));
    }
}
