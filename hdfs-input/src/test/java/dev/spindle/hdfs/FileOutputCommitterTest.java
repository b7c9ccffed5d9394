package dev.spindle.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileOutputCommitterTest {
    private final Configuration conf = new Configuration();

    private static void write(String file, String text) throws Exception {
        Path p = Path.of(java.net.URI.create(file));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            // Hadoop's local file system keeps .crc checksum files beside each file.
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
        }
    }

    @Test
    void theCommittedAttemptsBecomeThePartFilesAndOthersVanish(@TempDir Path dir) throws Exception {
        String out = "file://" + dir.resolve("out");
        FileOutputCommitter c = new FileOutputCommitter(out, conf);
        c.setupJob();
        String p0 = FileOutputCommitter.attemptFile(c.output(), 0, 7);
        String p0Failed = FileOutputCommitter.attemptFile(c.output(), 0, 3);
        String p1 = FileOutputCommitter.attemptFile(c.output(), 1, 8);
        write(p0, "zero\n");
        write(p0Failed, "half-writ");
        write(p1, "one\n");
        c.commitJob(List.of(p0, p1));

        assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), names(dir.resolve("out")));
        assertEquals("zero\n", Files.readString(dir.resolve("out/part-00000")));
        assertEquals("one\n", Files.readString(dir.resolve("out/part-00001")));
        assertEquals(0, Files.size(dir.resolve("out/_SUCCESS")));
    }

    @Test
    void anExistingOutputIsRefusedAndLeftAlone(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/keep.txt"), "precious");
        FileOutputCommitter c = new FileOutputCommitter("file://" + dir.resolve("out"), conf);
        OutputException e = assertThrows(OutputException.class, c::setupJob);
        assertTrue(e.getMessage().endsWith("already exists"), e.getMessage());
        assertEquals("precious", Files.readString(dir.resolve("out/keep.txt")));
    }

    @Test
    void anAbortedJobLeavesNoOutput(@TempDir Path dir) throws Exception {
        FileOutputCommitter c = new FileOutputCommitter("file://" + dir.resolve("out"), conf);
        c.setupJob();
        write(FileOutputCommitter.attemptFile(c.output(), 0, 1), "partial");
        c.abortJob();
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
