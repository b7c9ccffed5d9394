package dev.spindle.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineRecordReaderTest {

    /** Mixed terminators, empty lines, multi-byte UTF-8, a long line, and no newline at the end. */
    private static final String TEXT = "alpha beta\n\ngamma\r\ndelta\rεψιλον ζήτα\r\n\r\n"
            + "x".repeat(300) + " long\n\ttabbed  line \n日本語のテキスト\nlast line without newline";

    private static List<String> expected() {
        return List.of(TEXT.split("\r\n|\r|\n", -1));
    }

    private static List<String> read(byte[] data, long start, long end) throws IOException {
        List<String> out = new ArrayList<>();
        ByteArrayInputStream in = new ByteArrayInputStream(data, (int) start, data.length - (int) start);
        try (LineRecordReader r = new LineRecordReader(in, start, end)) {
            for (String l; (l = r.next()) != null; ) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void aWholeFileReadsEveryLine() throws IOException {
        byte[] data = TEXT.getBytes(StandardCharsets.UTF_8);
        assertEquals(expected(), read(data, 0, data.length));
    }

    @Test
    void everySplitPointGivesTheSameLinesExactlyOnce() throws IOException {
        byte[] data = TEXT.getBytes(StandardCharsets.UTF_8);
        // Splits are never empty, so the first split point is byte 1.
        for (int s = 1; s <= data.length; s++) {
            List<String> lines = new ArrayList<>(read(data, 0, s));
            lines.addAll(read(data, s, data.length));
            assertEquals(expected(), lines, "split at byte " + s);
        }
    }

    @Test
    void randomThreeWaySplitsAgree() throws IOException {
        byte[] data = TEXT.getBytes(StandardCharsets.UTF_8);
        Random rnd = new Random(42);
        for (int i = 0; i < 500; i++) {
            int a = 1 + rnd.nextInt(data.length);
            int b = a + rnd.nextInt(data.length - a + 1);
            List<String> lines = new ArrayList<>(read(data, 0, a));
            lines.addAll(read(data, a, b));
            lines.addAll(read(data, b, data.length));
            assertEquals(expected(), lines, "splits at " + a + " and " + b);
        }
    }

    @Test
    void aLineLongerThanItsSplitIsReadByTheSplitItStartsIn() throws IOException {
        byte[] data = ("short\n" + "y".repeat(10_000) + "\nafter\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("short", "y".repeat(10_000)), read(data, 0, 10));
        assertEquals(List.of(), read(data, 10, 5000));
        assertEquals(List.of("after"), read(data, 5000, data.length));
    }

    @Test
    void filesAndGzipThroughHadoopFileSystems(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("in.txt");
        Files.writeString(plain, TEXT);
        Path gz = dir.resolve("in.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(TEXT.getBytes(StandardCharsets.UTF_8));
        }
        Configuration conf = new Configuration();
        long len = Files.size(plain);
        List<String> lines = new ArrayList<>();
        for (FileSplit split : List.of(new FileSplit("file://" + plain, 0, len / 2, List.of()),
                new FileSplit("file://" + plain, len / 2, len - len / 2, List.of()))) {
            try (LineRecordReader r = LineRecordReader.open(split, conf)) {
                for (String l; (l = r.next()) != null; ) {
                    lines.add(l);
                }
            }
        }
        assertEquals(expected(), lines);
        List<String> fromGzip = new ArrayList<>();
        try (LineRecordReader r = LineRecordReader.open(new FileSplit("file://" + gz, 0, Files.size(gz), List.of()),
                conf)) {
            for (String l; (l = r.next()) != null; ) {
                fromGzip.add(l);
            }
        }
        assertEquals(expected(), fromGzip);
    }
}
