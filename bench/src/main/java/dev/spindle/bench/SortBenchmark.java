package dev.spindle.bench;

import dev.spindle.Pair;
import dev.spindle.function.KeyComparator;
import dev.spindle.shuffle.PrefixSort;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A sorting reduce task's in-memory run: 500,000 TeraSort records (a random 10-byte key, a 90-byte
 * value; what was once the {@code spindle.shuffle.sortSpillRecords} default), in arrival order, sorted by unsigned
 * key bytes. {@code comparisonSort} is {@code List.sort} with the comparator, what the sort did before
 * prefixes; {@code prefixSort} is the engine's sort now.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class SortBenchmark {
    static final int RECORDS = 500_000;

    List<Pair<byte[], byte[]>> arrived;
    List<Pair<byte[], byte[]>> run;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(20261207);
        arrived = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            byte[] key = new byte[10];
            rnd.nextBytes(key);
            arrived.add(Pair.of(key, new byte[90]));
        }
        // Records arrive from the map outputs in no order, and lie scattered over the heap.
        Collections.shuffle(arrived, new java.util.Random(7));
    }

    @Setup(Level.Invocation)
    public void freshRun() {
        run = new ArrayList<>(arrived);
    }

    @Benchmark
    public Object comparisonSort() {
        KeyComparator<byte[]> order = KeyComparator.unsignedBytes();
        run.sort((a, b) -> order.compare(a.key(), b.key()));
        return run.get(0);
    }

    @Benchmark
    public Object prefixSort() {
        PrefixSort.sort(run, KeyComparator.unsignedBytes());
        return run.get(0);
    }
}
