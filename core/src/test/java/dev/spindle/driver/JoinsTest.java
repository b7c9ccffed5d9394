package dev.spindle.driver;

import dev.spindle.Dataset;
import dev.spindle.Optional;
import dev.spindle.Pair;
import dev.spindle.PairDataset;
import dev.spindle.SpindleContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Joins, cogroup and the key-wise aggregations against single-process references, on a real driver
 * with two local executors: skewed keys, keys on one side only, empty sides, and co-partitioned inputs
 * that must not be shuffled again.
 */
class JoinsTest extends LocalExecutorsTestBase {
    /** {@code n} pairs over keys 0..keys-1, half of them on key 0 (skew), values tagged with the side. */
    private static List<Pair<Integer, String>> pairs(String side, int n, int keys, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Pair<Integer, String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int key = rnd.nextBoolean() ? 0 : rnd.nextInt(keys);
            out.add(Pair.of(key, side + i));
        }
        return out;
    }

    private static <K, V> Map<K, List<V>> byKey(List<Pair<K, V>> pairs) {
        Map<K, List<V>> m = new HashMap<>();
        pairs.forEach(p -> m.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.value()));
        return m;
    }

    /** A multiset as a sorted list of strings, so results compare whatever their order. */
    private static List<String> bag(List<?> items) {
        return items.stream().map(String::valueOf).sorted().toList();
    }

    @Test
    void innerAndOuterJoinsMatchAReference() {
        SpindleContext sc = new SpindleContext();
        // Keys 0..29 on the left and 20..59 on the right, so each side has keys the other lacks.
        List<Pair<Integer, String>> left = pairs("l", 300, 30, 1);
        List<Pair<Integer, String>> right = new ArrayList<>();
        for (Pair<Integer, String> p : pairs("r", 200, 40, 2)) {
            right.add(Pair.of(p.key() + 20, p.value()));
        }
        PairDataset<Integer, String> l = sc.parallelize(left, 5).mapToPair(p -> p);
        PairDataset<Integer, String> r = sc.parallelize(right, 3).mapToPair(p -> p);
        Map<Integer, List<String>> lk = byKey(left);
        Map<Integer, List<String>> rk = byKey(right);
        List<Object> inner = new ArrayList<>();
        List<Object> leftOuter = new ArrayList<>();
        List<Object> rightOuter = new ArrayList<>();
        List<Object> fullOuter = new ArrayList<>();
        Set<Integer> keys = new HashSet<>(lk.keySet());
        keys.addAll(rk.keySet());
        for (int k : keys) {
            List<String> ls = lk.getOrDefault(k, List.of());
            List<String> rs = rk.getOrDefault(k, List.of());
            for (String a : ls) {
                for (String b : rs) {
                    inner.add(Pair.of(k, Pair.of(a, b)));
                    leftOuter.add(Pair.of(k, Pair.of(a, Optional.of(b))));
                    rightOuter.add(Pair.of(k, Pair.of(Optional.of(a), b)));
                    fullOuter.add(Pair.of(k, Pair.of(Optional.of(a), Optional.of(b))));
                }
                if (rs.isEmpty()) {
                    leftOuter.add(Pair.of(k, Pair.of(a, Optional.empty())));
                    fullOuter.add(Pair.of(k, Pair.of(Optional.of(a), Optional.empty())));
                }
            }
            if (ls.isEmpty()) {
                for (String b : rs) {
                    rightOuter.add(Pair.of(k, Pair.of(Optional.empty(), b)));
                    fullOuter.add(Pair.of(k, Pair.of(Optional.empty(), Optional.of(b))));
                }
            }
        }
        assertEquals(bag(inner), bag(l.join(r).collect()));
        assertEquals(bag(leftOuter), bag(l.leftOuterJoin(r).collect()));
        assertEquals(bag(rightOuter), bag(l.rightOuterJoin(r, 7).collect()));
        assertEquals(bag(fullOuter), bag(l.fullOuterJoin(r, 1).collect()));
        assertEquals(7, l.join(r, 7).getNumPartitions());
        // Null-free: the missing side is an empty Optional, never null.
        assertTrue(l.fullOuterJoin(r).values().collect().stream().allMatch(v -> v.key() != null && v.value() != null));
    }

    @Test
    void cogroupAndSubtractByKey() {
        SpindleContext sc = new SpindleContext();
        PairDataset<String, Integer> a = sc.parallelize(List.of(Pair.of("x", 1), Pair.of("y", 2), Pair.of("x", 3)), 2)
                .mapToPair(p -> p);
        PairDataset<String, Integer> b = sc.parallelize(List.of(Pair.of("y", 20), Pair.of("z", 30)), 3).mapToPair(p -> p);
        Map<String, Pair<List<Integer>, List<Integer>>> grouped = new HashMap<>();
        for (Pair<String, Pair<List<Integer>, List<Integer>>> g : a.cogroup(b).collect()) {
            grouped.put(g.key(), Pair.of(g.value().key().stream().sorted().toList(), g.value().value()));
        }
        assertEquals(Map.of("x", Pair.of(List.of(1, 3), List.of()), "y", Pair.of(List.of(2), List.of(20)),
                "z", Pair.of(List.of(), List.of(30))), grouped);
        assertEquals(bag(List.of(Pair.of("x", 1), Pair.of("x", 3))), bag(a.subtractByKey(b).collect()));
        PairDataset<String, Integer> none = sc.parallelize(List.<Pair<String, Integer>>of(), 2).mapToPair(p -> p);
        assertEquals(List.of(), a.join(none).collect(), "a join with an empty side is empty");
        assertEquals(3, a.leftOuterJoin(none).count());
        assertEquals(3, a.subtractByKey(none).count());
    }

    @Test
    void coPartitionedInputsAreNotShuffledAgain() {
        SpindleContext sc = new SpindleContext();
        PairDataset<Integer, String> l = sc.parallelize(pairs("l", 400, 50, 3), 6).mapToPair(p -> p).partitionBy(4);
        PairDataset<Integer, String> r = sc.parallelize(pairs("r", 300, 50, 4), 5).mapToPair(p -> p).partitionBy(4);
        assertEquals(400, l.count());
        assertEquals(300, r.count());
        long expected = 0;
        Map<Integer, List<String>> lk = byKey(pairs("l", 400, 50, 3));
        Map<Integer, List<String>> rk = byKey(pairs("r", 300, 50, 4));
        for (var e : lk.entrySet()) {
            expected += (long) e.getValue().size() * rk.getOrDefault(e.getKey(), List.of()).size();
        }
        int before = executors.stagesRun();
        PairDataset<Integer, Pair<String, String>> joined = l.join(r);
        assertEquals(4, joined.getNumPartitions(), "the inputs' partitioning is the default");
        assertEquals(expected, joined.count());
        assertEquals(1, executors.stagesRun() - before, "both sides read in place: only the result stage ran");
        // mapValues and filter keep the partitioning, and reduceByKey into it combines in place.
        before = executors.stagesRun();
        Map<Integer, Long> counts = l.mapValues(v -> 1L).filter(p -> p.key() >= 0).reduceByKey(Long::sum).collectAsMap();
        assertEquals(1, executors.stagesRun() - before, "no shuffle for a reduceByKey of partitioned pairs");
        Map<Integer, Long> want = new HashMap<>();
        lk.forEach((k, v) -> want.put(k, (long) v.size()));
        assertEquals(want, counts);
        // A different number of partitions does shuffle.
        before = executors.stagesRun();
        assertEquals(expected, l.join(r, 3).count());
        assertEquals(3, executors.stagesRun() - before, "two map stages and the result stage");
    }

    @Test
    void aggregateCombineAndFoldByKeyGiveEachKeyItsOwnZero() {
        SpindleContext sc = new SpindleContext();
        List<Pair<Integer, String>> data = pairs("v", 500, 20, 5);
        PairDataset<Integer, String> ds = sc.parallelize(data, 6).mapToPair(p -> p);
        Map<Integer, List<String>> ref = byKey(data);
        // A mutable zero: a shared one would collect every key's values.
        Map<Integer, Integer> sizes = new HashMap<>();
        ds.aggregateByKey(new ArrayList<String>(), (acc, v) -> {
            acc.add(v);
            return acc;
        }, (a, b) -> {
            a.addAll(b);
            return a;
        }).collect().forEach(p -> sizes.put(p.key(), p.value().size()));
        Map<Integer, Integer> wantSizes = new HashMap<>();
        ref.forEach((k, v) -> wantSizes.put(k, v.size()));
        assertEquals(wantSizes, sizes);
        Map<Integer, Integer> lengths = new HashMap<>();
        ref.forEach((k, v) -> lengths.put(k, v.stream().mapToInt(String::length).sum()));
        assertEquals(lengths, ds.mapValues(String::length).foldByKey(0, 3, Integer::sum).collectAsMap());
        assertEquals(3, ds.mapValues(String::length).foldByKey(0, 3, Integer::sum).getNumPartitions());
        Map<Integer, Pair<Integer, Integer>> minMax = ds.mapValues(String::length).combineByKey(
                v -> Pair.of(v, v), (c, v) -> Pair.of(Math.min(c.key(), v), Math.max(c.value(), v)),
                (a, b) -> Pair.of(Math.min(a.key(), b.key()), Math.max(a.value(), b.value()))).collectAsMap();
        ref.forEach((k, v) -> assertEquals(Pair.of(v.stream().mapToInt(String::length).min().orElseThrow(),
                v.stream().mapToInt(String::length).max().orElseThrow()), minMax.get(k)));
        assertEquals(Map.of(), sc.parallelize(List.<Pair<Integer, Integer>>of(), 3).mapToPair(p -> p)
                .foldByKey(0, Integer::sum).collectAsMap());
    }

    @Test
    void partitionByPlacesEveryKeyInItsHashPartition() {
        SpindleContext sc = new SpindleContext();
        PairDataset<Integer, String> parts = sc.parallelize(pairs("p", 200, 40, 6), 3).mapToPair(p -> p).partitionBy(5);
        assertEquals(5, parts.getNumPartitions());
        List<Pair<Integer, Integer>> where = parts.mapPartitionsWithIndex((index, it) -> {
            List<Pair<Integer, Integer>> out = new ArrayList<>();
            it.forEachRemaining(p -> out.add(Pair.of(p.key(), index)));
            return out.iterator();
        }, false).collect();
        assertEquals(200, where.size());
        for (Pair<Integer, Integer> w : where) {
            assertEquals(Math.floorMod(w.key().hashCode(), 5), w.value());
        }
        assertThrows(IllegalArgumentException.class, () -> parts.partitionBy(0));
        assertFalse(parts.isEmpty());
    }

    @Test
    void unionOfPairsStaysAPairDataset() {
        SpindleContext sc = new SpindleContext();
        PairDataset<String, Integer> a = sc.parallelize(List.of(Pair.of("a", 1)), 1).mapToPair(p -> p);
        PairDataset<String, Integer> b = sc.parallelize(List.of(Pair.of("a", 2), Pair.of("b", 3)), 2).mapToPair(p -> p);
        assertEquals(Map.of("a", 3, "b", 3), a.union(b).reduceByKey(Integer::sum).collectAsMap());
        Dataset<Integer> all = sc.union(a.values(), b.values(), a.values());
        assertEquals(List.of(1, 2, 3, 1), all.collect());
        assertEquals(4, all.getNumPartitions());
    }
}
