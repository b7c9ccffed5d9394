package dev.spindle.driver;

import dev.spindle.Dataset;
import dev.spindle.LongAccumulator;
import dev.spindle.Pair;
import dev.spindle.PairDataset;
import dev.spindle.SpindleContext;
import dev.spindle.StorageLevel;
import dev.spindle.config.CoreKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Persisted datasets on a real driver with two local executors: computed once, read where they are
 * cached (process-local), dropped on unpersist, and computed again from lineage when an executor holding
 * them is lost. An accumulator in the dataset's computation counts how often elements were computed.
 */
class CachingTest {
    @TempDir
    Path shuffleDir;
    private LocalExecutors executors;

    @BeforeEach
    void start() throws Exception {
        executors = new LocalExecutors(2, Map.of(CoreKeys.EXECUTOR_INSTANCES.name(), "2"), shuffleDir);
    }

    @AfterEach
    void stop() {
        executors.close();
    }

    private static Dataset<Integer> counted(SpindleContext sc, LongAccumulator computed, int n, int partitions) {
        return sc.parallelize(IntStream.range(0, n).boxed().toList(), partitions).map(x -> {
            computed.add(1);
            return x;
        });
    }

    @Test
    void aCachedDatasetIsComputedOnceAndReadWhereItIsKept() {
        SpindleContext sc = new SpindleContext();
        LongAccumulator computed = sc.longAccumulator("computed");
        Dataset<Integer> ds = counted(sc, computed, 1000, 8).cache();
        assertEquals(Optional.of(StorageLevel.MEMORY_ONLY), ds.getStorageLevel());
        assertEquals(1000, ds.count());
        assertEquals(1000L, computed.value());
        long processLocalBefore = executors.summaryLocality().processLocal();
        assertEquals(499500, (int) ds.reduce(Integer::sum));
        assertEquals(IntStream.range(0, 1000).boxed().toList(), ds.collect());
        assertEquals(1000L, computed.value(), "later jobs read the cache");
        assertEquals(16, executors.summaryLocality().processLocal() - processLocalBefore,
                "every task of both jobs ran in the executor holding its partition");
        ds.unpersist();
        assertEquals(Optional.empty(), ds.getStorageLevel());
        assertEquals(1000, ds.count());
        assertEquals(2000L, computed.value(), "unpersisted: computed again");
        assertEquals(0, executors.cache(1).memoryBytes() + executors.cache(2).memoryBytes(), "memory given back");
    }

    @Test
    void diskLevelsAndAChangeOfLevel() {
        SpindleContext sc = new SpindleContext();
        LongAccumulator computed = sc.longAccumulator("computed");
        Dataset<Integer> ds = counted(sc, computed, 300, 3).persist(StorageLevel.DISK_ONLY);
        assertEquals(300, ds.count());
        assertEquals(300, ds.count());
        assertEquals(300L, computed.value());
        assertEquals(0, executors.cache(1).memoryBytes() + executors.cache(2).memoryBytes(), "on disk only");
        assertThrows(UnsupportedOperationException.class, () -> ds.persist(StorageLevel.MEMORY_ONLY));
        ds.persist(StorageLevel.DISK_ONLY);
        PairDataset<Integer, Integer> pairs = counted(sc, computed, 100, 4).mapToPair(x -> Pair.of(x % 10, x))
                .persist(StorageLevel.MEMORY_AND_DISK);
        assertEquals(10, pairs.reduceByKey(Integer::sum).count());
        assertEquals(10, pairs.groupByKey().count());
        assertEquals(400L, computed.value());
    }

    @Test
    void partitionsLostWithTheirExecutorAreComputedAgainFromLineage() {
        SpindleContext sc = new SpindleContext();
        LongAccumulator computed = sc.longAccumulator("computed");
        Dataset<Integer> ds = counted(sc, computed, 1000, 10).cache();
        assertEquals(1000, ds.count());
        long onOne = executors.cache(1).counters()[1];
        assertTrue(onOne > 0 && onOne < 10, "both executors hold some partitions: " + onOne);
        executors.kill(1);
        // The driver learns of the loss when the connection closes; until then its tasks may go there and
        // be run again, so only the answer and the recomputation are checked.
        assertEquals(499500, (int) ds.reduce(Integer::sum));
        assertEquals(499500, (int) ds.reduce(Integer::sum));
        long again = computed.value() - 1000;
        assertTrue(again >= onOne * 100 && again <= 1000, "the lost partitions were computed again: " + again);
    }
}
