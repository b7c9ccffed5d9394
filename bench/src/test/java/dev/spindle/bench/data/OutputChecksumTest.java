package dev.spindle.bench.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputChecksumTest {
    private final FileSystem fs;

    OutputChecksumTest() throws Exception {
        fs = FileSystem.getLocal(new Configuration());
    }

    private static void write(java.nio.file.Path file, byte[] bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private Path hadoop(java.nio.file.Path p) {
        return new Path(p.toUri());
    }

    @Test
    void linesDigestIgnoresOrderAndSplitButNotContent(@TempDir java.nio.file.Path dir) throws Exception {
        write(dir.resolve("a/part-00000"), "the\t3\nof\t2\n".getBytes(StandardCharsets.UTF_8));
        write(dir.resolve("a/part-00001"), "and\t1\n".getBytes(StandardCharsets.UTF_8));
        write(dir.resolve("a/_SUCCESS"), new byte[0]);
        write(dir.resolve("b/part-r-00000"), "and\t1\nthe\t3\nof\t2".getBytes(StandardCharsets.UTF_8));
        write(dir.resolve("c/part-r-00000"), "and\t1\nthe\t4\nof\t2\n".getBytes(StandardCharsets.UTF_8));
        Digest a = OutputChecksum.lines(fs, hadoop(dir.resolve("a")));
        assertEquals(3, a.count());
        assertEquals(a, OutputChecksum.lines(fs, hadoop(dir.resolve("b"))));
        assertNotEquals(a, OutputChecksum.lines(fs, hadoop(dir.resolve("c"))), "a wrong count shows");
        java.util.Map<String, Long> counts = new java.util.TreeMap<>(java.util.Map.of("the", 3L, "of", 2L, "and", 1L));
        assertEquals(a, ZipfText.wordCountDigest(counts), "the generator's answer digests the same way");
    }

    @Test
    void missingOrEmptyOutputIsBad(@TempDir java.nio.file.Path dir) throws Exception {
        assertThrows(OutputChecksum.BadOutputException.class, () -> OutputChecksum.lines(fs, hadoop(dir.resolve("none"))));
        write(dir.resolve("empty/_SUCCESS"), new byte[0]);
        assertThrows(OutputChecksum.BadOutputException.class, () -> OutputChecksum.lines(fs, hadoop(dir.resolve("empty"))));
    }

    private static List<byte[]> records(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] r = new byte[TeraRecords.RECORD];
            dev.spindle.examples.GenRecords.record(i, 9, r);
            out.add(r);
        }
        return out;
    }

    private static byte[] concat(List<byte[]> rs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rs.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void sortedRecordsMatchTheInputsDigestAndDisorderIsCaught(@TempDir java.nio.file.Path dir) throws Exception {
        List<byte[]> rs = records(500);
        Digest.Builder input = new Digest.Builder();
        rs.forEach(input::add);
        List<byte[]> sorted = new ArrayList<>(rs);
        sorted.sort((x, y) -> TeraRecords.compareKeys(x, 0, y, 0));
        write(dir.resolve("ok/part-r-00000"), concat(sorted.subList(0, 200)));
        write(dir.resolve("ok/part-r-00001"), concat(sorted.subList(200, 500)));
        write(dir.resolve("ok/_partition.lst"), new byte[37]);
        assertEquals(input.build(), OutputChecksum.sortedRecords(fs, hadoop(dir.resolve("ok"))));

        // Each file sorted, but the files in the wrong order.
        write(dir.resolve("swapped/part-r-00000"), concat(sorted.subList(200, 500)));
        write(dir.resolve("swapped/part-r-00001"), concat(sorted.subList(0, 200)));
        var e = assertThrows(OutputChecksum.BadOutputException.class,
                () -> OutputChecksum.sortedRecords(fs, hadoop(dir.resolve("swapped"))));
        assertTrue(e.getMessage().contains("record 0 of part-r-00001 is out of key order"), e.getMessage());

        byte[] partial = Arrays.copyOf(concat(sorted), 500 * 100 - 7);
        write(dir.resolve("partial/part-00000"), partial);
        e = assertThrows(OutputChecksum.BadOutputException.class,
                () -> OutputChecksum.sortedRecords(fs, hadoop(dir.resolve("partial"))));
        assertTrue(e.getMessage().contains("partial record of 93 bytes"), e.getMessage());

        List<byte[]> missingOne = new ArrayList<>(sorted.subList(1, 500));
        write(dir.resolve("short/part-00000"), concat(missingOne));
        assertNotEquals(input.build(), OutputChecksum.sortedRecords(fs, hadoop(dir.resolve("short"))));
        Collections.reverse(missingOne);
    }
}
