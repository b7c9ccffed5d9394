package dev.spindle.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bzip2 files split at arbitrary byte offsets read every line exactly once. */
class Bzip2SplitTest {
    @TempDir
    static java.nio.file.Path dir;
    static String file;
    static long length;
    static List<String> lines;

    /** About 2.5 MB of varied text: three bzip2 blocks of 900 kB, with all three line terminators. */
    @BeforeAll
    static void write() throws IOException {
        Random rnd = new Random(11);
        lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int n = 0;
        while (text.length() < 2_500_000) {
            StringBuilder line = new StringBuilder("line" + n++);
            for (int w = rnd.nextInt(12); w > 0; w--) {
                line.append(' ').append(Long.toString(rnd.nextLong() & 0xFFFFFF, 36));
            }
            lines.add(line.toString());
            text.append(line).append(n % 3 == 0 ? "\r\n" : n % 3 == 1 ? "\n" : "\r");
        }
        BZip2Codec codec = new BZip2Codec();
        codec.setConf(new Configuration());
        java.nio.file.Path p = dir.resolve("text.bz2");
        try (CompressionOutputStream out = codec.createOutputStream(Files.newOutputStream(p))) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        file = "file://" + p;
        length = Files.size(p);
    }

    private static List<String> read(long start, long end) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineRecordReader r = LineRecordReader.open(new FileSplit(file, start, end - start, List.of()),
                new Configuration())) {
            for (String l; (l = r.next()) != null; ) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void twoWaySplitsAtManyOffsetsReadEveryLineOnce() throws IOException {
        Random rnd = new Random(5);
        for (int i = 0; i < 25; i++) {
            long s = 1 + (long) (rnd.nextDouble() * (length - 1));
            List<String> got = new ArrayList<>(read(0, s));
            got.addAll(read(s, length));
            assertEquals(lines.size(), got.size(), "split at " + s);
            assertEquals(lines, got, "split at " + s);
        }
    }

    @Test
    void theCalculatorSplitsBzip2AndTheSplitsCoverTheFile() throws IOException {
        Configuration conf = new Configuration();
        FileSystem fs = FileSystem.getLocal(conf);
        SplitCalculator calc = new SplitCalculator(1, length / 6);
        List<FileSplit> splits = calc.splits(List.of(fs.getFileStatus(new Path(file))), 0, conf);
        assertTrue(splits.size() >= 5, "bzip2 is split: " + splits.size());
        List<String> got = new ArrayList<>();
        for (FileSplit s : splits) {
            got.addAll(read(s.start(), s.end()));
        }
        assertEquals(lines, got);
    }
}
