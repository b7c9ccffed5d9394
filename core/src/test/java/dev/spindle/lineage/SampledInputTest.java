package dev.spindle.lineage;

import dev.spindle.Pair;
import dev.spindle.hdfs.FileSplit;
import dev.spindle.task.InputSample;
import dev.spindle.task.Partition;
import dev.spindle.task.PartitionStore;
import dev.spindle.task.TaskContext;
import dev.spindle.task.TaskEnv;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File inputs read by a task that samples them: stretches of whole records, weighted to stand for the split. */
class SampledInputTest {
    private static final int LINES = 20_000;
    /** "line-00000\n": every line is 11 bytes. */
    private static final int LINE_BYTES = 11;

    @TempDir
    File dir;

    private record Env(Configuration hadoopConf, File shuffleDir, String host, PartitionStore cache) implements TaskEnv {
    }

    private TaskContext task(PartitionStore cache) {
        return new TaskContext(1, 0, 0, 0, 0, "1", new Env(new Configuration(), dir, "localhost", cache), Map.of());
    }

    private File lines(String name, boolean gzip) throws Exception {
        File f = new File(dir, name);
        try (OutputStream raw = Files.newOutputStream(f.toPath());
             OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            for (int i = 0; i < LINES; i++) {
                out.write(String.format("line-%05d\n", i).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return f;
    }

    private static FileSplit whole(File f, long length) {
        return new FileSplit(f.toURI().toString(), 0, length, List.of());
    }

    /** Each line as a key, as a sort's keyed dataset. */
    private static Lineage<Pair<String, Object>> keyedByLine(TextFileLineage input) {
        return new MapPartitionsLineage<String, Pair<String, Object>>(input, (index, it) -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Pair<String, Object> next() {
                return Pair.of(it.next(), 1);
            }
        }, false);
    }

    private static <T> List<T> drain(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void aSampledTextSplitYieldsWholeLinesFromItsStretchesOnly() throws Exception {
        File f = lines("text", false);
        long length = (long) LINES * LINE_BYTES;
        TextFileLineage input = new TextFileLineage(List.of(whole(f, length)));
        // 4 stretches of 6,875 bytes: about 625 lines each, one in eight bytes.
        InputSample sample = new InputSample(4, 1_000, 1.0 / 8);
        TaskContext task = task(null).withInputSample(sample);
        List<String> got = drain(input.compute(input.partitions().get(0), task));

        Set<String> distinct = new HashSet<>(got);
        assertEquals(got.size(), distinct.size(), "no line twice");
        for (String line : got) {
            assertTrue(line.matches("line-[0-9]{5}"), "a whole line: " + line);
        }
        // Each stretch reads the lines starting after its first byte through its end: 625 each, give or take one.
        assertTrue(got.size() >= 4 * 624 && got.size() <= 4 * 626, got.size() + " lines");
        assertTrue(got.contains("line-00000"), "the first stretch starts the split");
        assertTrue(got.contains(String.format("line-%05d", LINES * 3 / 4 + 1)), "the last stretch is three quarters in");
        assertTrue(!got.contains(String.format("line-%05d", LINES / 2 - 1)), "nothing between stretches");
        assertEquals(8.0, sample.scale(), 0.1);
        assertEquals(got.size(), task.metrics().snapshot().inputRecords());
    }

    @Test
    void aTaskThatDoesNotSampleReadsEveryLine() throws Exception {
        File f = lines("text", false);
        TextFileLineage input = new TextFileLineage(List.of(whole(f, (long) LINES * LINE_BYTES)));
        List<String> got = drain(input.compute(input.partitions().get(0), task(null)));
        assertEquals(LINES, got.size());
        assertEquals("line-19999", got.get(LINES - 1));
    }

    @Test
    void aCompressedFileCannotBeReadInStretchesSoASampleReadsItWhole() throws Exception {
        File f = lines("text.gz", true);
        TextFileLineage input = new TextFileLineage(List.of(whole(f, f.length())));
        InputSample sample = new InputSample(4, 10, 1.0 / 8);
        List<String> got = drain(input.compute(input.partitions().get(0), task(null).withInputSample(sample)));
        assertEquals(LINES, got.size());
        assertEquals(1.0, sample.scale(), 1e-9);
    }

    @Test
    void aSampledSplitOfFixedLengthRecordsStartsEachStretchAtAWholeRecord() throws Exception {
        int recordLength = 10;
        int records = 10_000;
        File f = new File(dir, "records");
        byte[] bytes = new byte[records * recordLength];
        for (int i = 0; i < records; i++) {
            byte[] r = String.format("%09d|", i).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(r, 0, bytes, i * recordLength, recordLength);
        }
        Files.write(f.toPath(), bytes);
        BinaryRecordsLineage input = new BinaryRecordsLineage(List.of(whole(f, bytes.length)), List.of((long) bytes.length),
                recordLength);
        // 3 stretches of 4,166 bytes, 33,333 bytes apart: neither a whole number of records.
        InputSample sample = new InputSample(3, 100, 1.0 / 8);
        List<byte[]> got = drain(input.compute(input.partitions().get(0), task(null).withInputSample(sample)));
        assertTrue(got.size() >= 1249 && got.size() <= 1251, got.size() + " records");
        for (byte[] r : got) {
            assertTrue(new String(r, StandardCharsets.US_ASCII).matches("[0-9]{9}\\|"), "a whole record");
        }
        assertEquals(8.0, sample.scale(), 0.05);
    }

    @Test
    void aKeySampleOfSampledInputStandsForTheWholeSplit() throws Exception {
        File f = lines("text", false);
        // Big enough for the default sample: 16 stretches of 64 KiB are 1 MiB, a 32nd of the split.
        int copies = 160;
        File big = new File(dir, "big");
        try (OutputStream out = Files.newOutputStream(big.toPath())) {
            byte[] one = Files.readAllBytes(f.toPath());
            for (int i = 0; i < copies; i++) {
                out.write(one);
            }
        }
        TextFileLineage input = new TextFileLineage(List.of(whole(big, big.length())));
        Lineage<Pair<String, Object>> keyed = keyedByLine(input);
        KeySampleLineage<String> sampling = new KeySampleLineage<>(keyed, 100, InputSample.FRACTION);
        TaskContext task = task(null);
        List<KeySampleLineage.KeySample<String>> samples = drain(sampling.compute(sampling.partitions().get(0), task));
        assertEquals(1, samples.size());
        double total = (double) LINES * copies;
        assertEquals(total, samples.get(0).records(), total * 0.02, "records estimated from a 32nd of the split");
        assertEquals(100, samples.get(0).keys().size());
        assertTrue(task.metrics().snapshot().inputBytes() < big.length() / 16, "read a small part of the split: "
                + task.metrics().snapshot().inputBytes());
    }

    @Test
    void recordsLongerThanAStretchAreSampledFromTheWholeSplit() throws Exception {
        // 30 lines of 200 KB: stretches of about 94 KiB each start inside a line and find one at most.
        File f = new File(dir, "long");
        int lines = 30;
        try (OutputStream out = Files.newOutputStream(f.toPath())) {
            for (int i = 0; i < lines; i++) {
                byte[] line = new byte[200_000];
                java.util.Arrays.fill(line, (byte) ('a' + i % 26));
                line[line.length - 1] = '\n';
                out.write(line);
            }
        }
        TextFileLineage input = new TextFileLineage(List.of(whole(f, f.length())));
        Lineage<Pair<String, Object>> keyed = keyedByLine(input);
        KeySampleLineage<String> sampling = new KeySampleLineage<>(keyed, 100, 0.25);
        TaskContext task = task(null);
        KeySampleLineage.KeySample<String> s = drain(sampling.compute(sampling.partitions().get(0), task)).get(0);
        assertEquals(lines, s.records(), 1e-9, "counted, not estimated from a handful of lines");
        assertEquals(lines, s.keys().size(), "every line is in the sample");
        assertTrue(task.metrics().snapshot().inputBytes() >= f.length(), "the split was read whole");
    }

    /** The local file system under the scheme {@code countfs}, counting the files it opens. */
    public static final class CountingFs extends org.apache.hadoop.fs.RawLocalFileSystem {
        static final java.util.concurrent.atomic.AtomicInteger OPENS = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public java.net.URI getUri() {
            return java.net.URI.create("countfs:///");
        }

        @Override
        public String getScheme() {
            return "countfs";
        }

        @Override
        public org.apache.hadoop.fs.FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize)
                throws java.io.IOException {
            OPENS.incrementAndGet();
            return super.open(f, bufferSize);
        }
    }

    @Test
    void aSampleReadsAllItsStretchesOfAFileThroughOneOpenStream() throws Exception {
        Configuration conf = new Configuration();
        conf.set("fs.countfs.impl", CountingFs.class.getName());
        conf.setBoolean("fs.countfs.impl.disable.cache", true);
        TaskContext task = new TaskContext(1, 0, 0, 0, 0, "1", new Env(conf, dir, "localhost", null), Map.of());
        File text = lines("text", false);
        TextFileLineage lines = new TextFileLineage(List.of(new FileSplit("countfs://" + text.getAbsolutePath(), 0,
                (long) LINES * LINE_BYTES, List.of())));
        CountingFs.OPENS.set(0);
        List<String> got = drain(lines.compute(lines.partitions().get(0), task.withInputSample(new InputSample(4, 1_000,
                1.0 / 8))));
        assertTrue(got.size() > 2000 && got.size() < 3000, got.size() + " lines from 4 stretches");
        assertEquals(1, CountingFs.OPENS.get(), "one open for the 4 stretches");

        File records = new File(dir, "records");
        Files.write(records.toPath(), new byte[100_000]);
        BinaryRecordsLineage binary = new BinaryRecordsLineage(List.of(new FileSplit("countfs://"
                + records.getAbsolutePath(), 0, 100_000, List.of())), List.of(100_000L), 10);
        CountingFs.OPENS.set(0);
        got = null;
        List<byte[]> recs = drain(binary.compute(binary.partitions().get(0), task.withInputSample(new InputSample(3, 100,
                1.0 / 8))));
        assertTrue(recs.size() >= 1249 && recs.size() <= 1251, recs.size() + " records from 3 stretches");
        assertEquals(1, CountingFs.OPENS.get(), "one open for the 3 stretches");
    }

    @Test
    void aPersistedDatasetIsComputedWholeForTheCacheEvenWhenTheTaskSamples() throws Exception {
        File f = lines("text", false);
        TextFileLineage input = new TextFileLineage(List.of(whole(f, (long) LINES * LINE_BYTES)));
        input.cacheMark(new Lineage.CacheMark(7, true, false));
        List<Integer> computed = new ArrayList<>();
        PartitionStore store = new PartitionStore() {
            @Override
            public <T> Iterator<T> getOrCompute(int datasetId, int partition, boolean memory, boolean disk,
                                                Compute<T> compute, ClassLoader loader) throws Exception {
                List<T> all = drain(compute.compute());
                computed.add(all.size());
                return all.iterator();
            }
        };
        InputSample sample = new InputSample(4, 1_000, 1.0 / 8);
        Partition p = input.partitions().get(0);
        List<String> got = drain(input.iterator(p, task(store).withInputSample(sample)));
        assertEquals(List.of(LINES), computed, "the cache was given the whole partition");
        assertEquals(LINES, got.size());
        assertEquals(1.0, sample.scale(), 1e-9, "nothing was sampled");
    }
}
