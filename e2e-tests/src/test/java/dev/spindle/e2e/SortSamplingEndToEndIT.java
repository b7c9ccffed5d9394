package dev.spindle.e2e;

import dev.spindle.examples.GenRecords;
import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sortByKey choosing its bounds from stretches of its input splits (spindle.sort.sampleFraction): the
 * input is read about once instead of twice, the answer is the same, and the partitions are still even,
 * for shuffled keys and for input already sorted within its files.
 */
@SpindleClusterTest(blockSize = 8 * 1024 * 1024)
class SortSamplingEndToEndIT {
    /** 20 MB of records: splits of 8, 8 and 4 MiB, large enough for stretches of 64 KiB at a quarter. */
    private static final int N = 200_000;
    private static final String RECORDS = "/data/records";

    @BeforeAll
    static void generate(EmbeddedCluster cluster) throws Exception {
        Submitter.Run gen = new Submitter(cluster).submit("--class", "dev.spindle.examples.GenRecords",
                Submitter.EXAMPLES_JAR, String.valueOf(N), RECORDS);
        assertEquals(0, gen.exitCode(), gen.err());
    }

    private static long checksum(byte[] all) {
        long sum = 0;
        for (int off = 0; off < all.length; off += GenRecords.RECORD) {
            CRC32 crc = new CRC32();
            crc.update(all, off, GenRecords.RECORD);
            sum += crc.getValue();
        }
        return sum;
    }

    /** Sorts {@code in} into 3 parts reading {@code fraction} for the sample; checks the answer; returns input bytes read. */
    private static long sort(EmbeddedCluster cluster, String in, String out, String fraction) throws Exception {
        FileSystem fs = cluster.fileSystem();
        Submitter.Run run = new Submitter(cluster).submit("--conf", "spindle.sort.sampleFraction=" + fraction,
                "--class", "dev.spindle.examples.Sort", Submitter.EXAMPLES_JAR, in, out, "3");
        assertEquals(0, run.exitCode(), run.err());
        byte[] input = SortEndToEndIT.readParts(fs, in);
        byte[] sorted = SortEndToEndIT.readParts(fs, out);
        assertEquals(input.length, sorted.length);
        assertEquals(checksum(input), checksum(sorted), "the same records");
        SortEndToEndIT.assertOrdered(sorted);
        FileStatus[] parts = fs.globStatus(new Path(out, "part-*"));
        assertEquals(3, parts.length);
        for (FileStatus part : parts) {
            // Even shares are a third each: a sample that missed part of the key range would leave one far short.
            assertTrue(part.getLen() > input.length / 3 * 3 / 4, "bounds from the sample give even shares: " + part
                    + " of " + input.length + " bytes");
        }
        return run.result().summary().io().inputBytes();
    }

    @Test
    void aSampleOfStretchesReadsTheInputAboutOnceAndKeepsThePartitionsEven(EmbeddedCluster cluster) throws Exception {
        long size = (long) N * GenRecords.RECORD;
        long whole = sort(cluster, RECORDS, "/out/whole", "1");
        assertEquals(2 * size, whole, "a fraction of 1 reads the input for the sample and again for the sort");
        long sampled = sort(cluster, RECORDS, "/out/sampled", "0.25");
        assertTrue(sampled >= size + size / 5 && sampled <= size + size * 3 / 10,
                "the sample reads a quarter of the input: " + sampled + " bytes read for " + size);
        // Keys already in order within each file (the sorted output): stretches spread over each split
        // still find bounds across the whole range.
        long presorted = sort(cluster, "/out/sampled", "/out/resorted", "0.25");
        assertTrue(presorted <= size + size * 3 / 10, presorted + " bytes read for " + size);
    }
}
