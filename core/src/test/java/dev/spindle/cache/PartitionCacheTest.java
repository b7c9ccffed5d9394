package dev.spindle.cache;

import dev.spindle.memory.MemoryBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The executor's cache of persisted partitions against a small budget: hits, spills to disk, eviction, release. */
class PartitionCacheTest {
    @TempDir
    Path dir;

    private final List<String> reports = new ArrayList<>();
    private final AtomicInteger computed = new AtomicInteger();

    private PartitionCache cache(long budget) {
        return new PartitionCache(new MemoryBudget(budget), dir.toFile(),
                (d, p, mem, disk) -> reports.add(d + "/" + p + (mem > 0 ? " memory" : "") + (disk > 0 ? " disk" : "")
                        + (mem == 0 && disk == 0 ? " dropped" : "")));
    }

    private dev.spindle.task.PartitionStore.Compute<Object> strings(int n) {
        return () -> {
            computed.incrementAndGet();
            return IntStream.range(0, n).mapToObj(i -> (Object) ("element-" + i)).iterator();
        };
    }

    private static List<Object> all(Iterator<Object> it) {
        List<Object> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static List<Object> expected(int n) {
        return IntStream.range(0, n).mapToObj(i -> (Object) ("element-" + i)).toList();
    }

    @Test
    void aPartitionThatFitsIsComputedOnceAndReadFromMemory() throws Exception {
        PartitionCache c = cache(1 << 20);
        assertEquals(expected(100), all(c.getOrCompute(0, 3, true, false, strings(100), null)));
        assertEquals(expected(100), all(c.getOrCompute(0, 3, true, false, strings(100), null)));
        assertEquals(1, computed.get());
        assertEquals(List.of("0/3 memory"), reports);
        assertTrue(c.memoryBytes() > 100 * 40, "about 64 bytes an element: " + c.memoryBytes());
        assertArrayEquals(new long[]{1, 1, 0}, c.counters());
    }

    @Test
    void memoryOnlyThatDoesNotFitIsReturnedWholeButNotKept() throws Exception {
        PartitionCache c = cache(4096);
        assertEquals(expected(1000), all(c.getOrCompute(0, 0, true, false, strings(1000), null)));
        assertEquals(expected(1000), all(c.getOrCompute(0, 0, true, false, strings(1000), null)));
        assertEquals(2, computed.get(), "not cached: computed again");
        assertEquals(List.of(), reports);
        assertEquals(0, c.memoryBytes(), "what it acquired while gathering is given back");
    }

    @Test
    void memoryAndDiskThatDoesNotFitGoesToDisk() throws Exception {
        PartitionCache c = cache(4096);
        assertEquals(expected(1000), all(c.getOrCompute(1, 0, true, true, strings(1000), null)));
        assertEquals(expected(1000), all(c.getOrCompute(1, 0, true, true, strings(1000), null)));
        assertEquals(1, computed.get());
        assertEquals(List.of("1/0 disk"), reports);
        assertEquals(expected(5), all(c.getOrCompute(2, 0, false, true, strings(5), null)), "DISK_ONLY");
        assertEquals(List.of("1/0 disk", "2/0 disk"), reports);
    }

    @Test
    void leastRecentlyUsedPartitionsOfOtherDatasetsMakeRoom() throws Exception {
        // About 12 KB a partition of 200 short strings, 24 KB one of 400, in a budget of 40 KB.
        PartitionCache c = cache(40_000);
        c.getOrCompute(0, 0, true, true, strings(200), null);
        c.getOrCompute(1, 0, true, false, strings(200), null);
        c.getOrCompute(0, 0, true, true, strings(200), null);
        assertEquals(2, computed.get());
        // Dataset 2 needs room: dataset 1's partition, the least recently used, goes (MEMORY_ONLY: dropped).
        assertEquals(expected(400), all(c.getOrCompute(2, 0, true, false, strings(400), null)));
        assertTrue(reports.contains("1/0 dropped"), reports.toString());
        assertTrue(reports.contains("2/0 memory"), reports.toString());
        // Dataset 3 needs room too: dataset 0's (MEMORY_AND_DISK) moves to disk, then dataset 2's is dropped.
        assertEquals(expected(400), all(c.getOrCompute(3, 0, true, false, strings(400), null)));
        assertTrue(reports.contains("0/0 disk"), reports.toString());
        assertTrue(reports.contains("2/0 dropped"), reports.toString());
        assertTrue(reports.contains("3/0 memory"), reports.toString());
        int before = computed.get();
        assertEquals(expected(200), all(c.getOrCompute(0, 0, true, true, strings(200), null)), "read back from disk");
        assertEquals(before, computed.get());
        c.getOrCompute(1, 0, true, false, strings(200), null);
        assertEquals(before + 1, computed.get(), "the dropped partition is computed again");
        assertTrue(c.memoryBytes() <= 40_000);
    }

    @Test
    void forgettingADatasetReleasesItsMemoryAndFiles() throws Exception {
        PartitionCache c = cache(1 << 20);
        c.getOrCompute(5, 0, true, false, strings(100), null);
        c.getOrCompute(5, 1, false, true, strings(100), null);
        assertTrue(c.memoryBytes() > 0);
        c.forget(5);
        assertEquals(0, c.memoryBytes());
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(0, files.count(), "its disk file is deleted");
        }
        c.getOrCompute(5, 0, true, false, strings(100), null);
        assertEquals(3, computed.get());
    }
}
