package dev.spindle.lineage;

import dev.spindle.Pair;
import dev.spindle.task.InputSample;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a sort's bounds are chosen from: each partition of the keyed dataset becomes one {@link KeySample}
 * of its keys. Its tasks sample their input ({@link InputSample}): file inputs read evenly spaced
 * stretches of large splits rather than all of them, so the sort reads its input about once, not twice
 * (Spark's sortByKey reads it whole for its sample too); what the stretches yield is weighted up to
 * stand for the whole split.
 */
final class KeySampleLineage<K> extends Lineage<KeySampleLineage.KeySample<K>> {
    private static final long serialVersionUID = 1L;
    private final Lineage<? extends Pair<K, ?>> parent;
    private final int size;
    private final double fraction;

    /** @param fraction how much of each large input split to read ({@code spindle.sort.sampleFraction}) */
    KeySampleLineage(Lineage<? extends Pair<K, ?>> parent, int size, double fraction) {
        if (size < 1) {
            throw new IllegalArgumentException("a key sample needs room for one key at least, not " + size);
        }
        this.parent = parent;
        this.size = size;
        this.fraction = fraction;
    }

    /**
     * A reservoir sample of one partition's keys and how many records of the partition they stand for
     * ({@code records}: counted, or estimated from the part of the input read).
     */
    record KeySample<K>(double records, List<K> keys) implements java.io.Serializable {
        KeySample {
            if (!(records >= 0)) {
                throw new IllegalArgumentException("a key sample of " + records + " records");
            }
            keys = new ArrayList<>(keys);
        }
    }

    @Override
    public List<? extends Partition> partitions() {
        return parent.partitions();
    }

    @Override
    public Iterator<KeySample<K>> compute(Partition partition, TaskContext task) throws Exception {
        InputSample sample = new InputSample(fraction);
        KeySample<K> sampled = sample(parent.iterator(partition, task.withInputSample(sample)), sample);
        if (sample.scale() > 1 && sampled.keys().size() < size) {
            // Records longer than a stretch: too few in the stretches to stand for the split, so read it whole.
            sampled = sample(parent.iterator(partition, task), null);
        }
        return List.of(sampled).iterator();
    }

    /** A reservoir sample of the keys, their count weighted up by {@code sample} once read (null: counted whole). */
    private KeySample<K> sample(Iterator<? extends Pair<K, ?>> it, InputSample sample) {
        List<K> keys = new ArrayList<>(size);
        SplittableRandom rnd = new SplittableRandom(size);
        long n = 0;
        while (it.hasNext()) {
            K k = it.next().key();
            if (keys.size() < size) {
                keys.add(k);
            } else {
                long slot = rnd.nextLong(n + 1);
                if (slot < size) {
                    keys.set((int) slot, k);
                }
            }
            n++;
        }
        return new KeySample<>(sample == null ? n : n * sample.scale(), keys);
    }

    @Override
    public List<Lineage<?>> narrowParents() {
        return List.of(parent);
    }
}
