package dev.spindle.shuffle;

import dev.spindle.memory.MemoryBudget;
import dev.spindle.memory.TaskMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionedOutputTest {
    @TempDir
    Path dir;

    /**
     * Writes {@code total} random bytes in pieces of up to 3 chunks to random partitions (partition 2
     * gets none), commits, and checks the data file, the index, the lengths and the checksums against
     * what was written; returns how many spills it took.
     */
    private int roundTrip(MemoryBudget budget, int total) throws IOException {
        int n = 5;
        ByteArrayOutputStream[] expected = new ByteArrayOutputStream[n];
        for (int r = 0; r < n; r++) {
            expected[r] = new ByteArrayOutputStream();
        }
        SplittableRandom rnd = new SplittableRandom(7);
        File data = dir.resolve("map_1_1.data").toFile();
        TaskMemory memory = new TaskMemory(budget);
        int spills;
        try (PartitionedOutput out = new PartitionedOutput(dir.toFile(), "map_1_1", n, memory)) {
            for (int written = 0; written < total; ) {
                int r = rnd.nextInt(n - 1);
                r = r >= 2 ? r + 1 : r;
                byte[] piece = new byte[rnd.nextInt(1, 3 * PartitionedOutput.CHUNK)];
                rnd.nextBytes(piece);
                out.partition(r).write(piece, 0, piece.length);
                expected[r].write(piece, 0, piece.length);
                written += piece.length;
            }
            long[] lengths = out.commit(data);
            long[] checksums = out.checksums();
            spills = out.spillCount();
            byte[] file = Files.readAllBytes(data.toPath());
            int offset = 0;
            for (int r = 0; r < n; r++) {
                byte[] want = expected[r].toByteArray();
                assertEquals(want.length, lengths[r], "length of partition " + r);
                assertArrayEquals(want, Arrays.copyOfRange(file, offset, offset + want.length), "bytes of partition " + r);
                CRC32C crc = new CRC32C();
                crc.update(want);
                assertEquals(crc.getValue(), checksums[r], "checksum of partition " + r);
                assertEquals(offset, ShuffleFiles.segment(data, r)[0], "index of partition " + r);
                offset += want.length;
            }
            assertEquals(file.length, offset);
            assertEquals(0, lengths[2]);
        }
        assertEquals(0, memory.held(), "all memory given back");
        try (var left = Files.list(dir)) {
            assertEquals(2, left.count(), "only the data file and its index remain, no spill");
        }
        return spills;
    }

    @Test
    void withMemoryEverythingIsWrittenOnceInPartitionOrder() throws IOException {
        assertEquals(0, roundTrip(new MemoryBudget(1L << 30), 3 << 20));
    }

    @Test
    void refusedMemorySpillsAndTheSpillsJoinInPartitionOrder() throws IOException {
        // Room for a few chunks only: every few megabytes go to a spill file.
        int spills = roundTrip(new MemoryBudget(4 * PartitionedOutput.CHUNK), 20 << 20);
        assertTrue(spills >= 3, "spilled " + spills + " times");
    }

    @Test
    void closingWithoutCommitDeletesSpillsAndFreesMemory() throws IOException {
        TaskMemory memory = new TaskMemory(new MemoryBudget(2 * PartitionedOutput.CHUNK));
        try (PartitionedOutput out = new PartitionedOutput(dir.toFile(), "map_2_2", 3, memory)) {
            byte[] mb = new byte[1 << 20];
            for (int i = 0; i < 12; i++) {
                out.partition(i % 3).write(mb, 0, mb.length);
            }
            assertTrue(out.spillCount() > 0);
        }
        assertEquals(0, memory.held());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "a task that fails leaves nothing behind");
        }
    }
}
