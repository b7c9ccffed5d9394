package dev.spindle.e2e;

import dev.spindle.examples.GenRecords;
import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GenRecords then Sort on a cluster with 1 MiB blocks: several map tasks and several sorted part files. */
@SpindleClusterTest(blockSize = 1024 * 1024)
class SortEndToEndIT {
    private static final int N = 40_000;
    private static final String RECORDS = "/data/records";

    @BeforeAll
    static void generate(EmbeddedCluster cluster) throws Exception {
        Submitter.Run gen = new Submitter(cluster).submit("--class", "dev.spindle.examples.GenRecords",
                Submitter.EXAMPLES_JAR, String.valueOf(N), RECORDS);
        assertEquals(0, gen.exitCode(), gen.err());
    }

    /** Count and order-independent checksum of records: the multiset must survive the sort. */
    private static long[] fingerprint(byte[] all) {
        long sum = 0;
        long xor = 0;
        for (int off = 0; off < all.length; off += GenRecords.RECORD) {
            CRC32 crc = new CRC32();
            crc.update(all, off, GenRecords.RECORD);
            sum += crc.getValue();
            xor ^= crc.getValue() * 0x9E3779B97F4A7C15L;
        }
        return new long[]{all.length / GenRecords.RECORD, sum, xor};
    }

    /** The part files of {@code dir}, in name order, end to end. */
    static byte[] readParts(FileSystem fs, String dir) throws Exception {
        FileStatus[] parts = fs.globStatus(new Path(dir, "part-*"));
        Arrays.sort(parts, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (FileStatus p : parts) {
            try (var in = fs.open(p.getPath())) {
                all.writeBytes(in.readAllBytes());
            }
        }
        return all.toByteArray();
    }

    /** Every record's key is at most the next one's, as unsigned bytes. */
    static void assertOrdered(byte[] sorted) {
        for (int off = GenRecords.RECORD; off < sorted.length; off += GenRecords.RECORD) {
            int cmp = Arrays.compareUnsigned(sorted, off - GenRecords.RECORD, off - GenRecords.RECORD + GenRecords.KEY,
                    sorted, off, off + GenRecords.KEY);
            assertTrue(cmp <= 0, "records out of order at byte " + off);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster", "spilling"})
    void sortedOutputIsGloballyOrderedWithTheSameRecords(String variant, EmbeddedCluster cluster) throws Exception {
        // "spilling": reduce tasks keep at most 2,000 records in memory and merge sorted runs from disk.
        String mode = variant.equals("cluster") ? "cluster" : "client";
        String spill = variant.equals("spilling") ? "2000" : "0";
        FileSystem fs = cluster.fileSystem();
        byte[] input = readParts(fs, RECORDS);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (long i = 0; i < N; i++) {
            expected.writeBytes(GenRecords.record(i, 42));
        }
        assertEquals(N * GenRecords.RECORD, input.length);
        assertTrue(Arrays.equals(fingerprint(expected.toByteArray()), fingerprint(input)), "GenRecords wrote rows 0..N-1");

        String out = "/out/sorted-" + variant;
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", mode, "--conf",
                "spindle.shuffle.sortSpillRecords=" + spill, "--class", "dev.spindle.examples.Sort",
                Submitter.EXAMPLES_JAR, RECORDS, out, "3");
        assertEquals(0, run.exitCode(), run.err());

        List<String> names = Arrays.stream(fs.globStatus(new Path(out, "part-*"))).map(s -> s.getPath().getName())
                .sorted().toList();
        assertEquals(List.of("part-00000", "part-00001", "part-00002"), names);
        byte[] sorted = readParts(fs, out);
        assertTrue(Arrays.equals(fingerprint(input), fingerprint(sorted)), "same count and checksum");
        assertOrdered(sorted);
        for (FileStatus part : fs.globStatus(new Path(out, "part-*"))) {
            assertTrue(part.getLen() > N * GenRecords.RECORD / 3 / 2, "sampled bounds give even shares: " + part);
        }
    }
}
