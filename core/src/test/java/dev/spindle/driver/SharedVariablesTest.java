package dev.spindle.driver;

import dev.spindle.Broadcast;
import dev.spindle.Dataset;
import dev.spindle.DoubleAccumulator;
import dev.spindle.JobFailedException;
import dev.spindle.LongAccumulator;
import dev.spindle.SpindleContext;
import dev.spindle.protocol.AccumulatorUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broadcast variables (fetched once per executor, shared by its tasks, released on request) and
 * accumulators (counted once per partition, whatever the retries), on a real driver with two local
 * executors that run each task on a pool thread as a real executor does.
 */
class SharedVariablesTest extends LocalExecutorsTestBase {
    @Test
    void aBroadcastIsFetchedOncePerExecutorAndSharedByItsTasks() {
        SpindleContext sc = new SpindleContext();
        Set<Integer> odd = new HashSet<>();
        for (int i = 1; i < 1000; i += 2) {
            odd.add(i);
        }
        Broadcast<Set<Integer>> lookup = sc.broadcast(odd);
        assertEquals(odd, lookup.value(), "on the driver, the value itself");
        int before = executors.broadcastRequests();
        assertEquals(500, numbers(sc, 1000, 20).filter(x -> lookup.value().contains(x)).count());
        int fetches = executors.broadcastRequests() - before;
        assertTrue(fetches >= 1 && fetches <= 2, "one request per executor, not per task (20): " + fetches);
        // A second job over the same broadcast fetches nothing.
        before = executors.broadcastRequests();
        assertEquals(250, numbers(sc, 500, 10).filter(x -> lookup.value().contains(x)).count());
        assertEquals(0, executors.broadcastRequests() - before);
        // Unpersisted: the executors drop their copies (told before the next job's tasks), and fetch again.
        lookup.unpersist();
        before = executors.broadcastRequests();
        assertEquals(500, numbers(sc, 1000, 20).filter(x -> lookup.value().contains(x)).count());
        assertTrue(executors.broadcastRequests() - before >= 1, "fetched again after unpersist");
    }

    @Test
    void aDestroyedBroadcastFailsTheTasksThatReadIt() {
        SpindleContext sc = new SpindleContext();
        Broadcast<String> word = sc.broadcast("spindle");
        assertEquals(List.of("spindle0", "spindle1"), numbers(sc, 2, 2).map(x -> word.value() + x).collect());
        word.destroy();
        assertThrows(IllegalStateException.class, word::value);
        JobFailedException e = assertThrows(JobFailedException.class,
                () -> numbers(sc, 4, 2).map(x -> word.value() + x).collect());
        assertTrue(e.getMessage().contains("destroyed"), e.getMessage());
        Broadcast<String> none = sc.broadcast(null);
        assertEquals(List.of("null"), numbers(sc, 1, 1).map(x -> String.valueOf(none.value())).collect());
        assertThrows(IllegalArgumentException.class, () -> sc.broadcast(new Object()), "not serializable");
    }

    @Test
    void accumulatorsSumWhatSuccessfulTasksAdded() {
        SpindleContext sc = new SpindleContext();
        LongAccumulator evens = sc.longAccumulator("evens");
        DoubleAccumulator halves = sc.doubleAccumulator("halves");
        numbers(sc, 100, 7).foreach(x -> {
            if (x % 2 == 0) {
                evens.add(1);
            }
            halves.add(x / 2.0);
        });
        assertEquals(50L, evens.value());
        assertEquals(50, evens.count());
        assertEquals(2475.0, halves.value(), 1e-9);
        assertEquals(24.75, halves.avg(), 1e-9);
        assertEquals("evens", evens.name());
        // Inside a task, the task's own additions so far.
        List<Long> local = numbers(sc, 10, 2).mapPartitions(it -> {
            LongAccumulator mine = evens;
            it.forEachRemaining(x -> mine.add(1));
            return List.of(mine.value()).iterator();
        }).collect();
        assertEquals(List.of(5L, 5L), local);
        assertEquals(60L, evens.value());
        assertTrue(Double.isNaN(sc.longAccumulator().avg()), "no values: no mean");
    }

    @Test
    void aFailedAttemptsAdditionsAreNotCounted(@TempDir Path marks) throws Exception {
        SpindleContext sc = new SpindleContext();
        LongAccumulator seen = sc.longAccumulator("seen");
        String dir = marks.toString();
        // Every partition's first attempt adds all its elements, then fails; the retry succeeds.
        long count = numbers(sc, 40, 4).mapPartitionsWithIndex((index, it) -> {
            int n = 0;
            while (it.hasNext()) {
                it.next();
                seen.add(1);
                n++;
            }
            Path mark = Path.of(dir, "tried-" + index);
            if (!Files.exists(mark)) {
                Files.createFile(mark);
                throw new IllegalStateException("first attempt fails after adding");
            }
            return List.of(n).iterator();
        }, false).count();
        assertEquals(4, count);
        try (var tried = Files.list(marks)) {
            assertEquals(4, tried.count(), "every partition failed once");
        }
        assertEquals(40L, seen.value(), "only the successful attempts' additions");
    }

    @Test
    void eachActionThatComputesATransformationCountsItAgain() {
        // As in Spark: an accumulator in a transformation counts once per job that computes it.
        SpindleContext sc = new SpindleContext();
        LongAccumulator calls = sc.longAccumulator("calls");
        Dataset<Integer> mapped = numbers(sc, 30, 3).map(x -> {
            calls.add(1);
            return x;
        });
        mapped.count();
        assertEquals(30L, calls.value());
        mapped.count();
        assertEquals(60L, calls.value());
    }

    @Test
    void aPartitionsUpdatesMergeOnceWithinTheirScope() {
        Accumulators acc = new Accumulators();
        var state = acc.create("x");
        List<AccumulatorUpdate> update = List.of(new AccumulatorUpdate(state.id(), 2, 7, 0));
        assertTrue(acc.apply("shuffle 1", 0, update));
        assertFalse(acc.apply("shuffle 1", 0, update), "a recomputed map partition");
        assertTrue(acc.apply("shuffle 1", 1, update));
        assertTrue(acc.apply("job 3", 0, update), "another scope");
        assertEquals(21, state.longSum());
        assertEquals(6, state.count());
        assertTrue(acc.apply("job 3", 1, List.of(new AccumulatorUpdate(99, 1, 1, 0))), "unknown ids are skipped");
        assertEquals(21, state.longSum());
    }
}
