package dev.spindle.cache;

import dev.spindle.memory.MemoryBudget;
import dev.spindle.memory.SizeEstimator;
import dev.spindle.shuffle.RecordReader;
import dev.spindle.shuffle.RecordWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * An executor's cached partitions, as Spark's block manager keeps persisted RDD partitions: in memory
 * (the elements themselves, their estimated size held against the {@link MemoryBudget}), on local disk
 * (in Spindle's record format), or both as the level allows. When memory runs short the least recently
 * used partitions of other datasets make room: to disk if their level allows, else dropped. A partition
 * that does not fit is written to disk ({@code MEMORY_AND_DISK}) or simply not cached ({@code MEMORY_ONLY}),
 * and its task goes on with the elements computed so far. Every change is reported to the listener (and
 * so to the driver, which sends tasks where their partition is).
 *
 * <p>Thread-safe: an executor's task threads share it; a partition computed by two tasks at once is
 * kept once.
 */
public final class PartitionCache implements dev.spindle.task.PartitionStore {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionCache.class);
    /** Elements between two size checks while a partition is gathered in memory. */
    private static final int CHECK_EVERY = 64;
    /** Elements whose size is estimated exactly before the average is trusted. */
    private static final int SAMPLE = 32;

    /** Where partitions' holdings change: memory and disk bytes, both 0 when dropped. */
    @FunctionalInterface
    public interface Listener {
        void changed(int datasetId, int partition, long memoryBytes, long diskBytes);
    }

    private record Key(int datasetId, int partition) {
    }

    private static final class Held {
        List<Object> elements;
        long memoryBytes;
        File file;
        long diskBytes;
        final boolean mayUseDisk;

        Held(boolean mayUseDisk) {
            this.mayUseDisk = mayUseDisk;
        }
    }

    private final MemoryBudget budget;
    private final File dir;
    private final Listener listener;
    /** In access order: the eldest is the least recently used. */
    private final LinkedHashMap<Key, Held> held = new LinkedHashMap<>(16, 0.75f, true);
    private long hits;
    private long misses;
    private long evictions;

    public PartitionCache(MemoryBudget budget, File dir, Listener listener) {
        this.budget = budget;
        this.dir = dir;
        this.listener = listener;
    }

    /**
     * The elements of a cached partition, or computes and caches them at the given level. Classes of
     * elements read back from disk resolve through {@code loader}.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> Iterator<T> getOrCompute(int datasetId, int partition, boolean memory, boolean disk, Compute<T> compute,
                                        ClassLoader loader) throws Exception {
        Key key = new Key(datasetId, partition);
        synchronized (this) {
            Held h = held.get(key);
            if (h != null && h.elements != null) {
                hits++;
                return (Iterator<T>) java.util.Collections.unmodifiableList(h.elements).iterator();
            }
            if (h != null && h.file != null) {
                hits++;
                return (Iterator<T>) read(h.file, loader);
            }
            misses++;
        }
        Iterator<T> computed = compute.compute();
        if (memory) {
            return (Iterator<T>) gather(key, (Iterator<Object>) computed, disk, loader);
        }
        return (Iterator<T>) toDisk(key, new ArrayList<>(), (Iterator<Object>) computed, loader);
    }

    /**
     * Gathers a partition in memory, acquiring budget as it grows; if the budget (after evicting other
     * datasets' partitions) cannot hold it, it goes to disk or is returned uncached.
     */
    private Iterator<Object> gather(Key key, Iterator<Object> in, boolean disk, ClassLoader loader) throws IOException {
        List<Object> elements = new ArrayList<>();
        long acquired = 0;
        long sampled = 0;
        long sampledBytes = 0;
        while (in.hasNext()) {
            Object e = in.next();
            elements.add(e);
            if (sampled < SAMPLE || elements.size() % CHECK_EVERY == 0) {
                sampledBytes += SizeEstimator.estimate(e);
                sampled++;
            }
            if (elements.size() % CHECK_EVERY == 0 || !in.hasNext()) {
                long estimate = 64 + (long) elements.size() * (4 + sampledBytes / Math.max(1, sampled));
                if (estimate > acquired) {
                    long more = estimate - acquired;
                    if (!reserve(key.datasetId(), more)) {
                        budget.release(acquired);
                        LOG.info("Partition {} of cached dataset {} does not fit in memory ({} bytes so far){}",
                                key.partition(), key.datasetId(), estimate, disk ? ": writing it to disk" : "");
                        return disk ? toDisk(key, elements, in, loader) : concat(elements, in);
                    }
                    acquired = estimate;
                }
            }
        }
        synchronized (this) {
            if (held.containsKey(key)) {
                // Another task cached it meanwhile: keep theirs.
                budget.release(acquired);
                return elements.iterator();
            }
            Held h = new Held(disk);
            h.elements = elements;
            h.memoryBytes = acquired;
            held.put(key, h);
        }
        listener.changed(key.datasetId(), key.partition(), acquired, 0);
        return java.util.Collections.unmodifiableList(elements).iterator();
    }

    /** Acquires {@code bytes}, evicting least recently used partitions of other datasets as needed. */
    private boolean reserve(int datasetId, long bytes) throws IOException {
        while (!budget.tryAcquire(bytes)) {
            if (!evictOne(datasetId)) {
                return false;
            }
        }
        return true;
    }

    private boolean evictOne(int exceptDataset) throws IOException {
        Key victim = null;
        Held h;
        synchronized (this) {
            for (Map.Entry<Key, Held> e : held.entrySet()) {
                if (e.getKey().datasetId() != exceptDataset && e.getValue().elements != null) {
                    victim = e.getKey();
                    break;
                }
            }
            if (victim == null) {
                return false;
            }
            h = held.get(victim);
            List<Object> elements = h.elements;
            h.elements = null;
            budget.release(h.memoryBytes);
            h.memoryBytes = 0;
            evictions++;
            if (h.mayUseDisk) {
                h.file = write(victim, elements.iterator());
                h.diskBytes = h.file.length();
            } else {
                held.remove(victim);
            }
        }
        LOG.info("Evicted partition {} of cached dataset {} from memory{}", victim.partition(), victim.datasetId(),
                h.mayUseDisk ? " to disk" : "");
        listener.changed(victim.datasetId(), victim.partition(), 0, h.diskBytes);
        return true;
    }

    /** Writes the elements gathered so far and the rest to disk, keeps the file, and reads it back. */
    private Iterator<Object> toDisk(Key key, List<Object> first, Iterator<Object> rest, ClassLoader loader)
            throws IOException {
        File file = write(key, concat(first, rest));
        first.clear();
        Held h = new Held(true);
        h.file = file;
        h.diskBytes = file.length();
        synchronized (this) {
            Held before = held.putIfAbsent(key, h);
            if (before != null) {
                Files.deleteIfExists(file.toPath());
                return before.file != null ? read(before.file, loader) : java.util.Collections.unmodifiableList(before.elements).iterator();
            }
        }
        listener.changed(key.datasetId(), key.partition(), 0, h.diskBytes);
        return read(file, loader);
    }

    private File write(Key key, Iterator<Object> elements) throws IOException {
        Files.createDirectories(dir.toPath());
        File file = File.createTempFile("cached_" + key.datasetId() + "_" + key.partition() + "_", ".data", dir);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file.toPath()), 64 * 1024)) {
            RecordWriter w = new RecordWriter(out);
            while (elements.hasNext()) {
                w.write(elements.next());
            }
            w.flush();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file.toPath());
            throw e;
        }
        return file;
    }

    /** The elements of a cache file, closed at its end. */
    private static Iterator<Object> read(File file, ClassLoader loader) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file.toPath()), 64 * 1024);
        RecordReader reader = new RecordReader(in, loader);
        Object end = new Object();
        return new Iterator<>() {
            private Object next = advance();

            private Object advance() {
                try {
                    Object o = reader.readOrEnd(end);
                    if (o == end) {
                        in.close();
                    }
                    return o;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read cached partition " + file, e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != end;
            }

            @Override
            public Object next() {
                if (next == end) {
                    throw new NoSuchElementException();
                }
                Object o = next;
                next = advance();
                return o;
            }
        };
    }

    private static Iterator<Object> concat(List<Object> first, Iterator<Object> rest) {
        Iterator<Object> head = first.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return head.hasNext() || rest.hasNext();
            }

            @Override
            public Object next() {
                return head.hasNext() ? head.next() : rest.next();
            }
        };
    }

    /** Drops every partition of a dataset: its memory is released and its files deleted. */
    public void forget(int datasetId) {
        List<Key> dropped = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Map.Entry<Key, Held>> it = held.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Key, Held> e = it.next();
                if (e.getKey().datasetId() == datasetId) {
                    budget.release(e.getValue().memoryBytes);
                    if (e.getValue().file != null && !e.getValue().file.delete()) {
                        LOG.warn("Could not delete cache file {}", e.getValue().file);
                    }
                    dropped.add(e.getKey());
                    it.remove();
                }
            }
        }
        // Not reported: the driver, which asked, has forgotten them already.
        if (!dropped.isEmpty()) {
            LOG.info("Dropped {} cached partitions of dataset {}", dropped.size(), datasetId);
        }
    }

    /** Hits, misses and evictions so far, for tests and logs. */
    public synchronized long[] counters() {
        return new long[]{hits, misses, evictions};
    }

    public synchronized long memoryBytes() {
        long sum = 0;
        for (Held h : held.values()) {
            sum += h.memoryBytes;
        }
        return sum;
    }
}
