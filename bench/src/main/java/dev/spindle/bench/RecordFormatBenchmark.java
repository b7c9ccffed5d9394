package dev.spindle.bench;

import dev.spindle.Pair;
import dev.spindle.shuffle.RecordReader;
import dev.spindle.shuffle.RecordWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** One million {@code (word, count)} pairs through the shuffle's record format, each way. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RecordFormatBenchmark {
    static final int N = 1_000_000;
    String[] words;
    byte[] encoded;

    @Setup
    public void setup() throws IOException {
        words = new String[N];
        for (int i = 0; i < N; i++) {
            words[i] = "word" + (i % 5000);
        }
        encoded = write();
    }

    @Benchmark
    public byte[] write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 << 20);
        RecordWriter w = new RecordWriter(out);
        for (int i = 0; i < N; i++) {
            w.write(Pair.of(words[i], (long) i));
        }
        w.flush();
        return out.toByteArray();
    }

    @Benchmark
    public long read() throws IOException {
        RecordReader r = new RecordReader(new java.io.BufferedInputStream(new ByteArrayInputStream(encoded), 1 << 16),
                getClass().getClassLoader());
        Object end = new Object();
        long n = 0;
        for (Object o; (o = r.readOrEnd(end)) != end; ) {
            n += ((Pair<?, ?>) o).key().hashCode() & 1;
        }
        return n;
    }
}
