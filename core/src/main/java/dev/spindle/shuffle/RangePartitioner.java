package dev.spindle.shuffle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Sends keys to partitions by ranges, so that partition {@code i} holds only keys ordered before
 * those of partition {@code i + 1}: with each partition sorted, the partitions in order are sorted.
 * The {@code N - 1} bounds come from a weighted sample of the keys, so partitions get about equal
 * shares ({@link #fromSample}).
 */
public final class RangePartitioner<K> implements Partitioner {
    private static final long serialVersionUID = 1L;

    private final List<K> bounds;
    private final Comparator<? super K> order;

    public RangePartitioner(List<K> bounds, Comparator<? super K> order) {
        this.bounds = new ArrayList<>(bounds);
        this.order = Objects.requireNonNull(order, "order");
    }

    /** A sampled key with the number of records it stands for. */
    public record Weighted<K>(K key, double weight) {
    }

    /**
     * Chooses bounds for {@code partitions} partitions from a sample in which each key stands for
     * {@code weight} records (its partition's record count over its sample size).
     */
    public static <K> RangePartitioner<K> fromSample(List<Weighted<K>> sample, int partitions,
                                                     Comparator<? super K> order) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a sort needs at least one partition, not " + partitions);
        }
        List<Weighted<K>> sorted = new ArrayList<>(sample);
        sorted.sort((a, b) -> order.compare(a.key(), b.key()));
        double total = sorted.stream().mapToDouble(Weighted::weight).sum();
        List<K> bounds = new ArrayList<>();
        double step = total / partitions;
        double cumulative = 0;
        double target = step;
        K previous = null;
        for (Weighted<K> w : sorted) {
            cumulative += w.weight();
            if (cumulative >= target && bounds.size() < partitions - 1) {
                if (previous == null || order.compare(w.key(), previous) > 0) {
                    bounds.add(w.key());
                    previous = w.key();
                }
                target += step;
            }
        }
        return new RangePartitioner<>(bounds, order);
    }

    @Override
    public int numPartitions() {
        return bounds.size() + 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public int partition(Object key) {
        int lo = 0;
        int hi = bounds.size();
        // The first bound not below the key: keys equal to a bound go to the partition it ends.
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(bounds.get(mid), (K) key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
