package dev.spindle.driver;

import dev.spindle.Dataset;
import dev.spindle.Pair;
import dev.spindle.SpindleContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Union, coalesce, repartition, sample, sortBy, zipWithIndex, cartesian and take against what a single
 * process gives, on a real driver with two local executors; take is checked to compute few partitions.
 */
class DatasetTransformationsTest extends LocalExecutorsTestBase {
    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @Test
    void unionKeepsOrderAndDuplicates() {
        SpindleContext sc = new SpindleContext();
        Dataset<Integer> u = numbers(sc, 5, 2).union(numbers(sc, 3, 4));
        assertEquals(List.of(0, 1, 2, 3, 4, 0, 1, 2), u.collect());
        assertEquals(6, u.getNumPartitions());
        assertEquals(List.of(0, 1, 2, 3, 4), numbers(sc, 5, 2).union(numbers(sc, 0, 1)).collect());
    }

    @Test
    void coalesceKeepsOrderAndRepartitionBalances() {
        SpindleContext sc = new SpindleContext();
        Dataset<Integer> c = numbers(sc, 100, 10).coalesce(3);
        assertEquals(3, c.getNumPartitions());
        assertEquals(range(0, 100), c.collect());
        assertEquals(10, numbers(sc, 100, 10).coalesce(50).getNumPartitions(), "coalesce never adds partitions");
        Dataset<Integer> r = numbers(sc, 1000, 3).repartition(8);
        assertEquals(8, r.getNumPartitions());
        assertEquals(range(0, 1000), r.collect().stream().sorted().toList());
        List<Integer> sizes = r.mapPartitions(it -> {
            int n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        // Round-robin dealing: each of 3 inputs gives each of 8 outputs 41 or 42 of its ~333.
        assertTrue(sizes.stream().allMatch(s -> s >= 123 && s <= 126), "balanced: " + sizes);
        assertEquals(range(0, 100), numbers(sc, 100, 10).coalesce(4, true).collect().stream().sorted().toList());
        assertThrows(IllegalArgumentException.class, () -> numbers(sc, 10, 2).repartition(0));
    }

    @Test
    void sampleIsReproducibleAndNearItsFraction() {
        SpindleContext sc = new SpindleContext();
        Dataset<Integer> ds = numbers(sc, 20_000, 4);
        List<Integer> once = ds.sample(false, 0.1, 42).collect();
        assertEquals(once, ds.sample(false, 0.1, 42).collect(), "the same seed, the same sample");
        assertNotEquals(once, ds.sample(false, 0.1, 43).collect());
        assertTrue(once.size() > 1800 && once.size() < 2200, "about 10 %: " + once.size());
        assertEquals(once.size(), once.stream().distinct().count(), "without replacement: no repeats");
        List<Integer> twice = ds.sample(true, 2.0, 7).collect();
        assertTrue(twice.size() > 39_000 && twice.size() < 41_000, "about twice the elements: " + twice.size());
        assertTrue(twice.size() > twice.stream().distinct().count(), "with replacement: repeats");
        assertEquals(0, ds.sample(false, 0.0, 1).count());
        assertEquals(20_000, ds.sample(false, 1.0, 1).count());
        assertThrows(IllegalArgumentException.class, () -> ds.sample(false, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> ds.sample(true, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> ds.sample(true, Double.NaN, 1));
    }

    @Test
    void sortByAndZipWithIndex() {
        SpindleContext sc = new SpindleContext();
        List<String> words = List.of("pear", "fig", "banana", "kiwi", "apple", "cherry", "date");
        Dataset<String> ds = sc.parallelize(words, 3);
        assertEquals(words.stream().sorted(java.util.Comparator.comparing(String::length)
                        .thenComparing(java.util.Comparator.naturalOrder())).toList(),
                ds.sortBy(w -> w.length() * 100 + w.charAt(0), true, 2).collect());
        assertEquals(words.stream().sorted(java.util.Comparator.reverseOrder()).toList(),
                ds.sortBy(w -> w, false, 4).collect());
        List<Pair<String, Long>> zipped = ds.zipWithIndex().collect();
        List<Pair<String, Long>> want = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            want.add(Pair.of(words.get(i), (long) i));
        }
        assertEquals(want, zipped);
        assertEquals(List.of(Pair.of(0, 0L), Pair.of(1, 1L)), numbers(sc, 2, 5).zipWithIndex().collect(),
                "empty partitions shift nothing");
        assertEquals(List.of(), numbers(sc, 0, 3).zipWithIndex().collect());
    }

    @Test
    void cartesianPairsEveryElementWithEveryOther() {
        SpindleContext sc = new SpindleContext();
        List<Pair<Integer, String>> got = numbers(sc, 3, 2).cartesian(sc.parallelize(List.of("a", "b"), 2)).collect();
        List<String> want = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (String s : List.of("a", "b")) {
                want.add(i + "\t" + s);
            }
        }
        assertEquals(want.stream().sorted().toList(), got.stream().map(Pair::toString).sorted().toList());
        assertEquals(4, numbers(sc, 3, 2).cartesian(sc.parallelize(List.of("a", "b"), 2)).getNumPartitions());
        assertEquals(0, numbers(sc, 3, 2).cartesian(sc.parallelize(List.<String>of(), 2)).count());
    }

    @Test
    void takeComputesOnlyThePartitionsItNeeds() {
        SpindleContext sc = new SpindleContext();
        Dataset<Integer> ds = numbers(sc, 1000, 100);
        int before = executors.tasksRun();
        assertEquals(range(0, 5), ds.take(5));
        assertEquals(1, executors.tasksRun() - before, "the first partition holds 10: one task");
        before = executors.tasksRun();
        assertEquals(range(0, 35), ds.take(35));
        int tasks = executors.tasksRun() - before;
        assertTrue(tasks < 10, "a few partitions, not all 100: " + tasks);
        assertEquals(0, ds.first());
        assertEquals(range(0, 1000), ds.take(5000), "more than there are: all of them");
        // Mostly empty partitions: take scales up its batches rather than one partition at a time.
        Dataset<Integer> sparse = numbers(sc, 1000, 100).filter(x -> x >= 990);
        before = executors.tasksRun();
        assertEquals(range(990, 992), sparse.take(2));
        assertTrue(executors.tasksRun() - before <= 100, "never a partition twice");
        assertEquals(List.of(), ds.take(0));
        assertThrows(NoSuchElementException.class, () -> numbers(sc, 0, 3).first());
        assertTrue(numbers(sc, 0, 3).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ds.take(-1));
    }
}
