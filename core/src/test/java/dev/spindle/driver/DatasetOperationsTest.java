package dev.spindle.driver;

import dev.spindle.Dataset;
import dev.spindle.Pair;
import dev.spindle.PairDataset;
import dev.spindle.SpindleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Dataset operations built on the engine's primitives, each against a single-process reference,
 * with empty partitions, empty datasets and skewed keys, on a real driver with two local executors.
 */
class DatasetOperationsTest extends LocalExecutorsTestBase {
    @Test
    void foldAndAggregateStartEachPartitionFromItsOwnZero() {
        SpindleContext sc = new SpindleContext();
        assertEquals(4950, numbers(sc, 100, 7).fold(0, Integer::sum));
        assertEquals(0, numbers(sc, 0, 3).fold(0, Integer::sum), "an empty dataset folds to zero");
        // A mutable zero: were it shared, the lists would grow across partitions.
        List<Integer> all = numbers(sc, 50, 5).aggregate(new ArrayList<Integer>(), (acc, x) -> {
            acc.add(x);
            return acc;
        }, (a, b) -> {
            a.addAll(b);
            return a;
        });
        assertEquals(IntStream.range(0, 50).boxed().toList(), all);
        assertEquals(Map.of("count", 10L, "sum", 45L), numbers(sc, 10, 4).aggregate(new HashMap<String, Long>(),
                (m, x) -> {
                    m.merge("count", 1L, Long::sum);
                    m.merge("sum", (long) x, Long::sum);
                    return m;
                }, (a, b) -> {
                    b.forEach((k, v) -> a.merge(k, v, Long::sum));
                    return a;
                }));
    }

    @Test
    void minMaxTopAndTakeOrdered() {
        SpindleContext sc = new SpindleContext();
        List<Integer> data = List.of(5, 3, 9, 1, 7, 3, 8, 0, 6);
        Dataset<Integer> ds = sc.parallelize(data, 4);
        assertEquals(0, ds.min(Integer::compare));
        assertEquals(9, ds.max(Integer::compare));
        assertEquals(List.of(0, 1, 3, 3), ds.takeOrdered(4));
        assertEquals(List.of(9, 8, 7), ds.top(3));
        assertEquals(List.of(0, 1), ds.top(2, (a, b) -> Integer.compare(b, a)), "top in a reversed order");
        assertEquals(data.stream().sorted().toList(), ds.takeOrdered(100), "more than there are: all, sorted");
        assertEquals(List.of(), ds.takeOrdered(0));
        assertEquals(List.of(), numbers(sc, 0, 3).top(5));
        assertThrows(UnsupportedOperationException.class, () -> numbers(sc, 0, 3).min(Integer::compare));
        assertThrows(IllegalArgumentException.class, () -> ds.takeOrdered(-1));
    }

    @Test
    void distinctAndCountByValueWithSkew() {
        SpindleContext sc = new SpindleContext();
        List<String> data = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            data.add(i % 10 == 0 ? "w" + i % 7 : "hot");
        }
        Dataset<String> ds = sc.parallelize(data, 6);
        Map<String, Long> expected = data.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(expected, ds.countByValue());
        assertEquals(expected.keySet().stream().sorted().toList(), ds.distinct().collect().stream().sorted().toList());
        assertEquals(3, ds.distinct(3).getNumPartitions());
        assertEquals(expected.size(), ds.distinct(3).count());
        assertEquals(Map.of(), numbers(sc, 0, 2).countByValue());
        assertEquals(0, numbers(sc, 0, 2).distinct().count());
    }

    @Test
    void foreachRunsOnTheExecutorsForEveryElement(@TempDir Path out) throws Exception {
        SpindleContext sc = new SpindleContext();
        String dir = out.toString();
        numbers(sc, 20, 3).foreach(x -> Files.writeString(Path.of(dir, "e" + x), ""));
        try (var files = Files.list(out)) {
            assertEquals(20, files.count());
        }
        numbers(sc, 20, 3).foreachPartition(it -> {
            int n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            Files.writeString(Path.of(dir, "p" + java.util.UUID.randomUUID()), Integer.toString(n));
        });
        long total = 0;
        try (var files = Files.list(out)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("p")).toList()) {
                total += Long.parseLong(Files.readString(p));
            }
        }
        assertEquals(20, total, "every element in exactly one partition");
    }

    @Test
    void keyWiseHelpers() {
        SpindleContext sc = new SpindleContext();
        List<Pair<String, Integer>> data = List.of(Pair.of("a", 1), Pair.of("b", 2), Pair.of("a", 3), Pair.of("c", 4));
        PairDataset<String, Integer> pairs = sc.parallelize(data, 3).mapToPair(p -> p);
        assertEquals(List.of("a", "b", "a", "c"), pairs.keys().collect());
        assertEquals(List.of(1, 2, 3, 4), pairs.values().collect());
        assertEquals(Map.of("a", 2L, "b", 1L, "c", 1L), pairs.countByKey());
        Map<String, Integer> asMap = pairs.collectAsMap();
        assertEquals(3, asMap.size());
        assertTrue(asMap.get("a") == 1 || asMap.get("a") == 3, "one of a's values");
        assertEquals(List.of(Pair.of("a", 1), Pair.of("a", 10), Pair.of("b", 2), Pair.of("b", 20), Pair.of("c", 4),
                        Pair.of("c", 40)),
                pairs.filter(p -> p.value() != 3).flatMapValues(v -> List.of(v, v * 10).iterator()).collect().stream()
                        .sorted(Comparator.comparing((Pair<String, Integer> p) -> p.key())
                                .thenComparing(Pair::value)).toList());
        assertEquals(List.of(), pairs.filter(p -> false).flatMapValues(v -> List.of(v).iterator()).collect());
    }
}
