package dev.spindle.shuffle;

import dev.spindle.util.Sneaky;

import java.io.IOException;
import java.util.Arrays;

/**
 * The table a combine (map side, and reduce side of an aggregation) folds records into: one probe per
 * record where a {@code HashMap} needs a get and a put, which profiles showed as the largest cost of a
 * map task that combines. Open addressing with linear probing over a power-of-two table that doubles
 * past 0.7 full. Each slot keeps its key's hash beside it, so a probe passes other keys without reading
 * them (a cache miss each) and growing rehashes nothing; keys of equal hash are compared with
 * {@code equals}. Null keys and null combiners are allowed.
 *
 * <p>Not thread-safe: one task's.
 *
 * @param <C> the combiner type
 */
public final class CombineMap<C> {
    /** Stands for the null key: an empty slot is a null in {@link #keys}. */
    private static final Object NULL_KEY = new Object();

    /** What {@link #forEach} does with each entry. */
    @FunctionalInterface
    public interface EntryConsumer<C> {
        void accept(Object key, C combiner) throws IOException;
    }

    private Object[] keys;
    private Object[] values;
    /** The spread hash of the key in each slot (meaningless where {@link #keys} has null). */
    private int[] hashes;
    private int size;
    private int threshold;

    public CombineMap() {
        allocate(64);
    }

    private void allocate(int capacity) {
        keys = new Object[capacity];
        values = new Object[capacity];
        hashes = new int[capacity];
        threshold = (int) (capacity * 0.7);
    }

    /** Folds {@code value} into the combiner of {@code key}, creating it for a key seen first. */
    public <V> void addValue(Aggregator<V, C> agg, Object key, V value) {
        try {
            int h = hash(key);
            int i = slot(key, h);
            if (keys[i] == null) {
                insert(i, key, h, agg.createCombiner().call(value));
            } else {
                values[i] = agg.mergeValue().call(combinerAt(i), value);
            }
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        }
    }

    /** Merges another task's {@code combiner} of {@code key} into this one's. */
    public void addCombiner(Aggregator<?, C> agg, Object key, C combiner) {
        try {
            int h = hash(key);
            int i = slot(key, h);
            if (keys[i] == null) {
                insert(i, key, h, combiner);
            } else {
                values[i] = agg.mergeCombiners().call(combinerAt(i), combiner);
            }
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        }
    }

    public int size() {
        return size;
    }

    /** Every key and its combiner, in no particular order. */
    public void forEach(EntryConsumer<C> consumer) throws IOException {
        for (int i = 0; i < keys.length; i++) {
            Object k = keys[i];
            if (k != null) {
                consumer.accept(k == NULL_KEY ? null : k, combinerAt(i));
            }
        }
    }

    /** Up to {@code n} entries spread over the table, to estimate what all of them hold. */
    public void sample(int n, EntryConsumer<C> consumer) throws IOException {
        if (size == 0) {
            return;
        }
        int step = Math.max(1, keys.length / Math.max(1, n));
        int seen = 0;
        for (int start = 0; start < step && seen < n; start++) {
            for (int i = start; i < keys.length && seen < n; i += step) {
                Object k = keys[i];
                if (k != null) {
                    consumer.accept(k == NULL_KEY ? null : k, combinerAt(i));
                    seen++;
                }
            }
        }
    }

    public void clear() {
        Arrays.fill(keys, null);
        Arrays.fill(values, null);
        size = 0;
    }

    @SuppressWarnings("unchecked")
    private C combinerAt(int i) {
        return (C) values[i];
    }

    private static int hash(Object key) {
        return key == null ? 0 : spread(key.hashCode());
    }

    /** The slot holding {@code key} (whose {@link #hash} is {@code h}), or the empty slot where it belongs. */
    private int slot(Object key, int h) {
        Object k = key == null ? NULL_KEY : key;
        int mask = keys.length - 1;
        int i = h & mask;
        while (true) {
            Object cur = keys[i];
            if (cur == null || (hashes[i] == h && (cur == k || cur.equals(k)))) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private void insert(int i, Object key, int h, C combiner) {
        keys[i] = key == null ? NULL_KEY : key;
        values[i] = combiner;
        hashes[i] = h;
        if (++size > threshold) {
            grow();
        }
    }

    private void grow() {
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        allocate(oldKeys.length * 2);
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            Object k = oldKeys[j];
            if (k != null) {
                int h = oldHashes[j];
                int i = h & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
                hashes[i] = h;
            }
        }
    }

    /** Mixes the hash's high bits into the low ones the mask keeps (linear probing suffers from clusters). */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
