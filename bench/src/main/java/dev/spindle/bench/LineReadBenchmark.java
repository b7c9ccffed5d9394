package dev.spindle.bench;

import dev.spindle.hdfs.LineRecordReader;
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
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A map task's input path on 32 MiB of text held in memory (so the disk is not measured): lines read
 * with Hadoop's semantics and tokenized as WordCount does. The floor scans the same bytes for
 * newlines. Throughput in MB/s is 32 MiB over the reported time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LineReadBenchmark {
    static final int BYTES = 32 << 20;
    byte[] text;

    @Setup
    public void setup() throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(BYTES);
        new dev.spindle.bench.data.ZipfText(7, 5000).writePart(out, BYTES, 0, null);
        text = out.toByteArray();
    }

    @Benchmark
    public long floorScanNewlines() {
        long lines = 0;
        for (byte b : text) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    @Benchmark
    public long readLines() throws IOException {
        long chars = 0;
        try (LineRecordReader r = LineRecordReader.over(new ByteArrayInputStream(text), 0, text.length)) {
            for (String line; (line = r.next()) != null; ) {
                chars += line.length();
            }
        }
        return chars;
    }

    @Benchmark
    public long readLinesAndTokenize() throws IOException {
        long words = 0;
        try (LineRecordReader r = LineRecordReader.over(new ByteArrayInputStream(text), 0, text.length)) {
            for (String line; (line = r.next()) != null; ) {
                int n = line.length();
                int i = 0;
                while (i < n) {
                    while (i < n && Character.isWhitespace(line.charAt(i))) {
                        i++;
                    }
                    int start = i;
                    while (i < n && !Character.isWhitespace(line.charAt(i))) {
                        i++;
                    }
                    if (i > start) {
                        words += line.substring(start, i).length() > 0 ? 1 : 0;
                    }
                }
            }
        }
        return words;
    }
}
