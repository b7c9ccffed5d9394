package dev.spindle.shuffle;

import dev.spindle.Pair;
import dev.spindle.memory.MemoryBudget;
import dev.spindle.memory.TaskMemory;
import dev.spindle.task.MetricsCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Combining within a small byte budget: spills, merges by hash (collisions included) and releases. */
class SpillableCombinerTest {
    @TempDir
    Path dir;

    private final MetricsCounter metrics = new MetricsCounter();

    private <V, C> SpillableCombiner<V, C> combiner(Aggregator<V, C> agg, MemoryBudget budget) {
        return new SpillableCombiner<>(agg, new TaskMemory(budget), dir.toFile(), getClass().getClassLoader(), metrics::spilled,
                "a test");
    }

    private static <K, C> Map<K, C> drain(Iterator<Pair<K, C>> it) {
        Map<K, C> out = new HashMap<>();
        it.forEachRemaining(p -> {
            C before = out.put(p.key(), p.value());
            assertEquals(null, before, "key " + p.key() + " came out twice");
        });
        return out;
    }

    /** Keys whose hash codes collide in pairs, to test the merge of equal hashes. */
    private record Colliding(int id) implements java.io.Serializable {
        @Override
        public int hashCode() {
            return id / 2;
        }
    }

    @Test
    void sumsManyKeysThroughSpillsAndMergesThemExactly() throws Exception {
        MemoryBudget budget = new MemoryBudget(200_000);
        Aggregator<Long, Long> sum = new Aggregator<>(v -> v, Long::sum, Long::sum);
        SpillableCombiner<Long, Long> c = combiner(sum, budget);
        Map<Object, Long> want = new HashMap<>();
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            Object key = switch (i % 3) {
                case 0 -> "k" + rnd.nextInt(30_000);
                case 1 -> new Colliding(rnd.nextInt(1000));
                default -> i % 1000 == 2 ? null : (Object) rnd.nextInt(5000);
            };
            c.addValue(key, 1L);
            want.merge(key == null ? "<null>" : key, 1L, Long::sum);
        }
        assertTrue(c.spillCount() > 2, "spilled " + c.spillCount() + " times");
        assertTrue(metrics.snapshot().bytesSpilled() > 0);
        Map<Object, Long> got = new HashMap<>();
        drain(c.<Object>result()).forEach((k, v) -> got.put(k == null ? "<null>" : k, v));
        assertEquals(want, got);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "spill files deleted once merged");
        }
        assertEquals(0, budget.used(), "spilling gave the memory back");
    }

    @Test
    void withoutPressureNothingSpills() throws Exception {
        SpillableCombiner<Long, Long> c = combiner(new Aggregator<>(v -> v, Long::sum, Long::sum),
                new MemoryBudget(64L << 20));
        for (int i = 0; i < 10_000; i++) {
            c.addValue(i % 100, 1L);
        }
        assertEquals(0, c.spillCount());
        Map<Integer, Long> got = drain(c.<Integer>result());
        assertEquals(100, got.size());
        assertTrue(got.values().stream().allMatch(v -> v == 100L));
    }

    private static Aggregator<String, List<String>> grouping() {
        return new Aggregator<>(v -> {
            List<String> l = new ArrayList<>();
            l.add(v);
            return l;
        }, (l, v) -> {
            l.add(v);
            return l;
        }, (a, b) -> {
            a.addAll(b);
            return a;
        });
    }

    @Test
    void groupsThatFitAreMergedAcrossSpills() throws Exception {
        SpillableCombiner<String, List<String>> c = combiner(grouping(), new MemoryBudget(300_000));
        for (int i = 0; i < 40_000; i++) {
            c.addValue("g" + (i % 200), "v" + i);
        }
        assertTrue(c.spillCount() > 0);
        Map<String, List<String>> got = drain(c.<String>result());
        assertEquals(200, got.size());
        assertTrue(got.values().stream().allMatch(l -> l.size() == 200));
    }

    @Test
    void aGroupLargerThanTheExecutorsBudgetFailsWithASentenceNamingItsKey() throws Exception {
        SpillableCombiner<String, List<String>> c = combiner(grouping(), new MemoryBudget(100_000));
        for (int i = 0; i < 50_000; i++) {
            c.addValue(i % 10 == 0 ? "small-" + i : "hot", "value-number-" + i);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> drain(c.<String>result()));
        assertTrue(e.getMessage().contains("key hot") && e.getMessage().contains("reduceByKey"), e.getMessage());
    }
}
