package dev.spindle.driver;

import dev.spindle.Pair;
import dev.spindle.PairDataset;
import dev.spindle.SpindleContext;
import dev.spindle.config.CoreKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key-wise operations on executors whose memory budget (1 MiB each) is far smaller than what they
 * gather: each spills to local disk and still gives the single-process answer, and the summary counts
 * the bytes spilled.
 */
class SpillingTest {
    @TempDir
    static Path shuffleDir;
    private static LocalExecutors executors;
    private static final int KEYS = 40_000;
    private static final int PAIRS = 200_000;

    @BeforeAll
    static void start() throws Exception {
        executors = new LocalExecutors(2, Map.of(CoreKeys.EXECUTOR_INSTANCES.name(), "2"), shuffleDir, 1L << 20);
    }

    @AfterAll
    static void stop() {
        executors.close();
    }

    /** Pair i is (i mod KEYS, i): every key has PAIRS / KEYS values. */
    private static PairDataset<Integer, Long> pairs(SpindleContext sc) {
        return sc.range(0, PAIRS, 4).mapToPair(i -> Pair.of((int) (i % KEYS), i));
    }

    private static long spilled() {
        return executors.summaryIo().bytesSpilled();
    }

    @Test
    void reduceByKeySpillsAndSums() {
        SpindleContext sc = new SpindleContext();
        long before = spilled();
        Map<Integer, Long> sums = pairs(sc).reduceByKey(Long::sum, 2).collectAsMap();
        assertEquals(KEYS, sums.size());
        for (int k = 0; k < KEYS; k += 997) {
            long want = 0;
            for (long i = k; i < PAIRS; i += KEYS) {
                want += i;
            }
            assertEquals(want, sums.get(k), "key " + k);
        }
        assertTrue(spilled() > before, "the map-side combine or the reduce side spilled");
    }

    @Test
    void groupByKeyAndDistinctSpillAndKeepEveryValue() {
        SpindleContext sc = new SpindleContext();
        long before = spilled();
        Map<Integer, List<Long>> groups = pairs(sc).groupByKey(2).collectAsMap();
        assertEquals(KEYS, groups.size());
        assertTrue(groups.values().stream().allMatch(l -> l.size() == PAIRS / KEYS));
        assertEquals(List.of(7L, 7L + KEYS, 7L + 2 * KEYS, 7L + 3 * KEYS, 7L + 4 * KEYS),
                groups.get(7).stream().sorted().toList());
        assertTrue(spilled() > before);
        assertEquals(KEYS, pairs(sc).keys().distinct(3).count());
    }

    @Test
    void aJoinSpillsAndMatchesEveryPair() {
        SpindleContext sc = new SpindleContext();
        PairDataset<Integer, String> names = sc.range(0, KEYS, 3).mapToPair(i -> Pair.of((int) (long) i, "name-" + i));
        long before = spilled();
        Map<Integer, Long> perKey = new HashMap<>();
        for (Pair<Integer, Pair<Long, String>> p : pairs(sc).join(names, 2).collect()) {
            assertEquals("name-" + p.key(), p.value().value());
            perKey.merge(p.key(), 1L, Long::sum);
        }
        assertEquals(KEYS, perKey.size());
        assertTrue(perKey.values().stream().allMatch(n -> n == PAIRS / KEYS));
        assertTrue(spilled() > before);
    }

    @Test
    void sortByKeySpillsRunsAndMergesThemInOrder() {
        SpindleContext sc = new SpindleContext();
        long before = spilled();
        List<Integer> keys = pairs(sc).sortByKey().keys().collect();
        assertEquals(PAIRS, keys.size());
        for (int i = 1; i < keys.size(); i++) {
            assertTrue(keys.get(i - 1) <= keys.get(i), "out of order at " + i);
        }
        assertTrue(spilled() > before);
    }
}
