package dev.spindle.shuffle;

import dev.spindle.Pair;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Sorts a reduce partition by key whatever its size: records collect in memory while the task's
 * memory budget has room for them (and, if one is set, up to a count bound); each full buffer is
 * sorted and spilled to a run file on local disk, and the runs are merged as the result is read, the
 * records still in memory as one more run, not written out first. With no spill the sort is a plain
 * in-memory one.
 *
 * <p>Not thread-safe: one per task. Run files are deleted once merged.
 */
public final class ExternalSorter<K, V> {
    private static final Object END = new Object();

    private final Comparator<? super K> order;
    private final int spillRecords;
    private final File spillDir;
    private final ClassLoader loader;
    private final List<Pair<K, V>> buffer = new ArrayList<>();
    private final List<File> runs = new ArrayList<>();
    private final dev.spindle.memory.TaskMemory memory;
    private final java.util.function.LongConsumer spilledBytesTo;
    private long acquired;
    private long sampledBytes;
    private int sampled;

    /** @param spillRecords records held in memory before a spill; 0: no count bound */
    public ExternalSorter(Comparator<? super K> order, int spillRecords, File spillDir, ClassLoader loader) {
        this(order, spillRecords, spillDir, loader, null, bytes -> { });
    }

    /**
     * A sorter that also spills when the task's {@code memory} refuses room for more records (their
     * size estimated from a sample), and tells {@code spilledBytesTo} the bytes of each spill.
     */
    public ExternalSorter(Comparator<? super K> order, int spillRecords, File spillDir, ClassLoader loader,
                          dev.spindle.memory.TaskMemory memory, java.util.function.LongConsumer spilledBytesTo) {
        this.memory = memory;
        this.spilledBytesTo = spilledBytesTo;
        if (spillRecords < 0) {
            throw new IllegalArgumentException("spill threshold must be 0 (none) or a number of records, not "
                    + spillRecords);
        }
        this.order = order;
        this.spillRecords = spillRecords == 0 ? Integer.MAX_VALUE : spillRecords;
        this.spillDir = spillDir;
        this.loader = loader;
    }

    public void insert(Pair<K, V> record) throws IOException {
        buffer.add(record);
        if (buffer.size() >= spillRecords) {
            spill();
        } else if (memory != null && buffer.size() % SpillableCombiner.CHECK_EVERY == 0) {
            // One record of each batch stands for the batch; enough for records of one shape.
            sampledBytes += dev.spindle.memory.SizeEstimator.estimate(record.key())
                    + dev.spindle.memory.SizeEstimator.estimate(record.value()) + 32;
            sampled++;
            // Per record: its reference in the buffer, and the prefix sort's two longs and two ints.
            long estimate = (long) buffer.size() * (sampledBytes / sampled + 32);
            if (estimate > acquired) {
                // Room to grow first, so the next checks need not ask; when the budget has less than that,
                // what is held now, so a run fills the budget before it is spilled.
                long want = 2 * estimate - acquired;
                if (memory.tryAcquire(want)) {
                    acquired += want;
                } else if (memory.tryAcquire(estimate - acquired)) {
                    acquired = estimate;
                } else {
                    spill();
                }
            }
        }
    }

    /** Runs spilled so far. */
    public int spills() {
        return runs.size();
    }

    private void spill() throws IOException {
        PrefixSort.sort(buffer, order);
        Files.createDirectories(spillDir.toPath());
        File run = File.createTempFile("sort-run-", ".spill", spillDir);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(run.toPath()), 64 * 1024)) {
            RecordWriter w = new RecordWriter(out);
            for (Pair<K, V> p : buffer) {
                w.write(p.key());
                w.write(p.value());
            }
            w.flush();
            spilledBytesTo.accept(w.written());
        }
        runs.add(run);
        buffer.clear();
        if (memory != null) {
            memory.release(acquired);
            acquired = 0;
        }
    }

    /** All inserted records in key order. */
    public Iterator<Pair<K, V>> sorted() throws IOException {
        PrefixSort.sort(buffer, order);
        if (runs.isEmpty()) {
            return buffer.iterator();
        }
        // The records still in memory are merged as they are: writing them out only to read them back
        // would cost a pass over disk for nothing (their memory stays held until the task ends).
        PriorityQueue<Run> heads = new PriorityQueue<>((a, b) -> order.compare(a.head.key(), b.head.key()));
        Run inMemory = new InMemoryRun(buffer.iterator());
        if (inMemory.advance()) {
            heads.add(inMemory);
        }
        for (File f : runs) {
            Run r = new SpilledRun(f);
            if (r.advance()) {
                heads.add(r);
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Pair<K, V> next() {
                Run r = heads.poll();
                if (r == null) {
                    throw new NoSuchElementException();
                }
                Pair<K, V> out = r.head;
                try {
                    if (r.advance()) {
                        heads.add(r);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return out;
            }
        };
    }

    /** One sorted run being merged, and its next record. */
    private abstract class Run {
        Pair<K, V> head;

        /** Moves {@link #head} to the run's next record; false (and the run released) when there is none. */
        abstract boolean advance() throws IOException;
    }

    /** The records that were still in memory, sorted. */
    private final class InMemoryRun extends Run {
        private final Iterator<Pair<K, V>> records;

        InMemoryRun(Iterator<Pair<K, V>> records) {
            this.records = records;
        }

        @Override
        boolean advance() {
            head = records.hasNext() ? records.next() : null;
            return head != null;
        }
    }

    /** A run spilled to a file, which is deleted when exhausted. */
    private final class SpilledRun extends Run {
        private final File file;
        private final InputStream in;
        private final RecordReader reader;

        SpilledRun(File file) throws IOException {
            this.file = file;
            this.in = new BufferedInputStream(Files.newInputStream(file.toPath()), 64 * 1024);
            this.reader = new RecordReader(in, loader);
        }

        @Override
        @SuppressWarnings("unchecked")
        boolean advance() throws IOException {
            Object k = reader.readOrEnd(END);
            if (k == END) {
                in.close();
                Files.deleteIfExists(file.toPath());
                head = null;
                return false;
            }
            head = new Pair<>((K) k, (V) reader.read());
            return true;
        }
    }
}
