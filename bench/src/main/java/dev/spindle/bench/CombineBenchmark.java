package dev.spindle.bench;

import dev.spindle.bench.data.ZipfText;
import dev.spindle.memory.MemoryBudget;
import dev.spindle.memory.TaskMemory;
import dev.spindle.shuffle.Aggregator;
import dev.spindle.shuffle.SpillableCombiner;
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

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A map task's combine, as WordCount's reduceByKey does it: 8 MiB of the bench's Zipf text (its
 * vocabulary of 20,000 words) cut into words, a new String each (as a tokenizer makes them, so no
 * hash is cached), folded into counts. The floor folds the same words with {@code HashMap.merge},
 * what a plain Java program would write; {@code tokenizeOnly} is the words' own cost, in both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class CombineBenchmark {
    static final int BYTES = 8 << 20;
    private static final Aggregator<Long, Long> SUM = new Aggregator<>(v -> v, Long::sum, Long::sum);

    String[] lines;
    File spillDir;

    @Setup
    public void setup() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(BYTES);
        new ZipfText(20261122, 20_000).writePart(out, BYTES, 0, null);
        lines = out.toString(StandardCharsets.US_ASCII).split("\n");
        spillDir = java.nio.file.Files.createTempDirectory("combine-bench").toFile();
        spillDir.deleteOnExit();
    }

    /** The words of the lines, each a new String as a tokenizer makes it; null after the last. */
    static final class Words {
        private final String[] lines;
        private int line;
        private int at;

        Words(String[] lines) {
            this.lines = lines;
        }

        String next() {
            while (line < lines.length) {
                String l = lines[line];
                int n = l.length();
                while (at < n && l.charAt(at) == ' ') {
                    at++;
                }
                int start = at;
                while (at < n && l.charAt(at) != ' ') {
                    at++;
                }
                if (at > start) {
                    return l.substring(start, at);
                }
                line++;
                at = 0;
            }
            return null;
        }
    }

    @Benchmark
    public long tokenizeOnly() {
        long chars = 0;
        Words words = new Words(lines);
        for (String w; (w = words.next()) != null; ) {
            chars += w.length();
        }
        return chars;
    }

    @Benchmark
    public int floorHashMapMerge() {
        Map<String, Long> counts = new HashMap<>();
        Words words = new Words(lines);
        for (String w; (w = words.next()) != null; ) {
            counts.merge(w, 1L, Long::sum);
        }
        return counts.size();
    }

    @Benchmark
    public int spillableCombiner() throws IOException {
        TaskMemory memory = new TaskMemory(new MemoryBudget(1L << 30));
        SpillableCombiner<Long, Long> combiner = new SpillableCombiner<>(SUM, memory, spillDir,
                CombineBenchmark.class.getClassLoader(), bytes -> { }, "bench");
        Words words = new Words(lines);
        for (String w; (w = words.next()) != null; ) {
            combiner.addValue(w, 1L);
        }
        int spills = combiner.spillCount();
        memory.releaseAll();
        if (spills != 0) {
            throw new IllegalStateException("the bench's combine spilled " + spills + " times: it measures the table");
        }
        return spills;
    }
}
