package dev.spindle.shuffle;

import dev.spindle.Pair;
import dev.spindle.memory.SizeEstimator;
import dev.spindle.memory.TaskMemory;
import dev.spindle.util.Sneaky;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Combines values by key within a task's memory, spilling to local disk when the executor's budget
 * refuses more, and merging the spills at the end: the reduce side of {@code reduceByKey},
 * {@code aggregateByKey}, {@code combineByKey}, {@code groupByKey}, {@code distinct} and joins, in the
 * way of Spark's ExternalAppendOnlyMap. Memory is accounted in estimated bytes: every few hundred
 * records a sample of the table's entries is estimated and more budget acquired for the growth; when
 * the budget says no, the table is written out sorted by key hash and emptied. The result merges the
 * spills and what is left in memory hash by hash, combining equal keys, so it holds one hash's keys at
 * a time. A key whose values alone would not fit the executor's budget (a skewed {@code groupByKey})
 * fails the task with a sentence naming the key instead of exhausting the heap.
 *
 * <p>Not thread-safe: one task's.
 */
public final class SpillableCombiner<V, C> {
    /** Records between two estimates of the table's size. */
    public static final int CHECK_EVERY = 256;
    /** Entries estimated to stand for all of them. */
    private static final int SAMPLE = 16;

    private final Aggregator<V, C> agg;
    private final TaskMemory memory;
    private final File spillDir;
    private final ClassLoader loader;
    private final java.util.function.LongConsumer spilledBytesTo;
    private final String what;
    private CombineMap<C> map = new CombineMap<>();
    private final List<File> spills = new ArrayList<>();
    private long acquired;
    private int sinceCheck;
    private long spilledBytes;

    /**
     * @param spilledBytesTo told the bytes of each spill (the task's metrics)
     * @param what what is being combined, for the sentence of a group too large for memory
     */
    public SpillableCombiner(Aggregator<V, C> agg, TaskMemory memory, File spillDir, ClassLoader loader,
                             java.util.function.LongConsumer spilledBytesTo, String what) {
        this.agg = agg;
        this.memory = memory;
        this.spillDir = spillDir;
        this.loader = loader;
        this.spilledBytesTo = spilledBytesTo;
        this.what = what;
    }

    public void addValue(Object key, V value) throws IOException {
        map.addValue(agg, key, value);
        maybeSpill();
    }

    public void addCombiner(Object key, C combiner) throws IOException {
        map.addCombiner(agg, key, combiner);
        maybeSpill();
    }

    public int spillCount() {
        return spills.size();
    }

    public long spilledBytes() {
        return spilledBytes;
    }

    private void maybeSpill() throws IOException {
        if (++sinceCheck < CHECK_EVERY) {
            return;
        }
        sinceCheck = 0;
        long estimate = estimate();
        if (estimate <= acquired) {
            return;
        }
        // Ask for room to grow, not only for what is held, so the next checks need not ask again.
        long want = 2 * estimate - acquired;
        if (memory.tryAcquire(want)) {
            acquired += want;
        } else if (memory.tryAcquire(estimate - acquired)) {
            acquired = estimate;
        } else {
            spill();
        }
    }

    private long estimate() throws IOException {
        return estimateBytes(map);
    }

    /** A combine table's estimated bytes: its arrays and a sample of its entries scaled to all of them. */
    public static long estimateBytes(CombineMap<?> map) {
        long[] sampled = {0, 0};
        try {
            map.sample(SAMPLE, (k, c) -> {
                sampled[0] += SizeEstimator.estimate(k) + SizeEstimator.estimate(c);
                sampled[1]++;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long perEntry = sampled[1] == 0 ? 0 : sampled[0] / sampled[1];
        return 64 + 8L * map.size() * 2 + perEntry * map.size();
    }

    /** Writes the table sorted by key hash to a new spill file and empties it. */
    private void spill() throws IOException {
        Object[][] entries = new Object[map.size()][];
        int[] n = {0};
        map.forEach((k, c) -> entries[n[0]++] = new Object[]{k, c});
        Arrays.sort(entries, (a, b) -> Integer.compare(hash(a[0]), hash(b[0])));
        Files.createDirectories(spillDir.toPath());
        File file = File.createTempFile("combine-", ".spill", spillDir);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file.toPath()), 64 * 1024)) {
            RecordWriter w = new RecordWriter(out);
            for (Object[] e : entries) {
                w.write(e[0]);
                w.write(e[1]);
            }
            w.flush();
            spilledBytes += w.written();
            spilledBytesTo.accept(w.written());
        }
        spills.add(file);
        map = new CombineMap<>();
        memory.release(acquired);
        acquired = 0;
    }

    private static int hash(Object key) {
        return key == null ? 0 : key.hashCode();
    }

    /**
     * Every key with its combined value, each once, in no particular order. Spill files are deleted as
     * the result is used up.
     */
    @SuppressWarnings("unchecked")
    public <K> Iterator<Pair<K, C>> result() throws IOException {
        if (spills.isEmpty()) {
            List<Pair<K, C>> out = new ArrayList<>(map.size());
            map.forEach((k, c) -> out.add(new Pair<>((K) k, c)));
            map = new CombineMap<>();
            return out.iterator();
        }
        spill();
        List<Run> runs = new ArrayList<>();
        for (File f : spills) {
            runs.add(new Run(f, loader));
        }
        return (Iterator<Pair<K, C>>) (Iterator<?>) new Merge(runs);
    }

    /** One spill file read back in its hash order. */
    private static final class Run {
        private static final Object END = new Object();
        final File file;
        final InputStream in;
        final RecordReader reader;
        Object key;
        Object combiner;
        boolean done;

        Run(File file, ClassLoader loader) throws IOException {
            this.file = file;
            this.in = new BufferedInputStream(Files.newInputStream(file.toPath()), 64 * 1024);
            this.reader = new RecordReader(in, loader);
            advance();
        }

        void advance() throws IOException {
            Object k = reader.readOrEnd(END);
            if (k == END) {
                done = true;
                key = null;
                combiner = null;
                in.close();
                Files.deleteIfExists(file.toPath());
                return;
            }
            key = k;
            combiner = reader.read();
        }

        int hash() {
            return SpillableCombiner.hash(key);
        }
    }

    /** Merges the runs hash by hash, combining the combiners of equal keys. */
    private final class Merge implements Iterator<Pair<Object, C>> {
        private final PriorityQueue<Run> heads = new PriorityQueue<>((a, b) -> Integer.compare(a.hash(), b.hash()));
        private final List<Pair<Object, C>> ready = new ArrayList<>();
        private int next;

        Merge(List<Run> runs) {
            for (Run r : runs) {
                if (!r.done) {
                    heads.add(r);
                }
            }
        }

        @Override
        public boolean hasNext() {
            if (next < ready.size()) {
                return true;
            }
            ready.clear();
            next = 0;
            if (heads.isEmpty()) {
                return false;
            }
            try {
                fill();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a spill file of " + what, e);
            }
            return !ready.isEmpty();
        }

        /** The combined entries of the lowest hash among the runs' heads. */
        @SuppressWarnings("unchecked")
        private void fill() throws IOException {
            int h = heads.peek().hash();
            List<Object> keys = new ArrayList<>();
            List<List<C>> parts = new ArrayList<>();
            while (!heads.isEmpty() && heads.peek().hash() == h) {
                Run r = heads.poll();
                while (!r.done && r.hash() == h) {
                    int i = indexOf(keys, r.key);
                    if (i < 0) {
                        keys.add(r.key);
                        parts.add(new ArrayList<>(2));
                        i = keys.size() - 1;
                    }
                    parts.get(i).add((C) r.combiner);
                    r.advance();
                }
                if (!r.done) {
                    heads.add(r);
                }
            }
            for (int i = 0; i < keys.size(); i++) {
                ready.add(new Pair<>(keys.get(i), combine(keys.get(i), parts.get(i))));
            }
        }

        private C combine(Object key, List<C> parts) {
            if (parts.size() > 1 && parts.get(0) instanceof java.util.Collection<?>) {
                long bytes = 0;
                for (C c : parts) {
                    bytes += SizeEstimator.estimate(c);
                }
                if (bytes > memory.executorBudget()) {
                    throw new IllegalStateException("the values of key " + abbreviate(key) + " in " + what + " come to"
                            + " about " + bytes + " bytes, more than the " + memory.executorBudget() + " an executor's"
                            + " memory budget holds: group fewer values per key (reduceByKey or aggregateByKey combine"
                            + " as they go), or give executors more memory (spindle.executor.memory)");
                }
            }
            try {
                C acc = parts.get(0);
                for (int i = 1; i < parts.size(); i++) {
                    acc = agg.mergeCombiners().call(acc, parts.get(i));
                }
                return acc;
            } catch (Exception e) {
                throw Sneaky.rethrow(e);
            }
        }

        @Override
        public Pair<Object, C> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.get(next++);
        }
    }

    private static int indexOf(List<Object> keys, Object key) {
        for (int i = 0; i < keys.size(); i++) {
            if (java.util.Objects.equals(keys.get(i), key)) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(Object key) {
        String s = String.valueOf(key);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
