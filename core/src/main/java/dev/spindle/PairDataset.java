package dev.spindle;

import dev.spindle.config.CoreKeys;
import dev.spindle.function.KeyComparator;
import dev.spindle.function.MapFunction;
import dev.spindle.function.ReduceFunction;
import dev.spindle.spi.Plan;

import java.util.List;

/**
 * A dataset of key-value {@link Pair}s with the key-wise operations that shuffle: records of a key
 * meet in one partition of the result. The number of result partitions is, in order of precedence,
 * the one given to the operation, {@code spindle.default.parallelism}, or this dataset's own.
 */
public final class PairDataset<K, V> extends Dataset<Pair<K, V>> {
    private static final long serialVersionUID = 1L;

    PairDataset(SpindleContext context, Plan<Pair<K, V>> plan) {
        super(context, plan);
    }

    /** Combines the values of each key with {@code f}, on the map side first. */
    public PairDataset<K, V> reduceByKey(ReduceFunction<V> f) {
        return reduceByKey(f, defaultPartitions());
    }

    public PairDataset<K, V> reduceByKey(ReduceFunction<V> f, int numPartitions) {
        Plan<Pair<K, V>> reduced = plan().reduceByKey(f, numPartitions);
        return new PairDataset<>(context(), reduced);
    }

    /** All values of each key in one list. No map-side combining: it would not shrink anything. */
    public PairDataset<K, List<V>> groupByKey() {
        return groupByKey(defaultPartitions());
    }

    public PairDataset<K, List<V>> groupByKey(int numPartitions) {
        Plan<Pair<K, List<V>>> grouped = plan().groupByKey(numPartitions);
        return new PairDataset<>(context(), grouped);
    }

    /** Sorts by the keys' natural order, ascending, over as many partitions as this dataset has. */
    public PairDataset<K, V> sortByKey() {
        return sortByKey(KeyComparator.natural(), true, defaultPartitions());
    }

    /**
     * Sorts by {@code order}: partition {@code i} of the result holds keys ordered before those of
     * partition {@code i + 1}, each partition sorted, so the part files of a save are globally ordered.
     * A sampling job runs first to choose the partitions' key ranges so they get about equal shares.
     */
    public PairDataset<K, V> sortByKey(KeyComparator<K> order, boolean ascending, int numPartitions) {
        Plan<Pair<K, V>> sorted = plan().sortByKey(order, ascending, numPartitions);
        return new PairDataset<>(context(), sorted);
    }

    /** Applies {@code f} to each value, keeping keys (and so partitioning) as they are. */
    public <R> PairDataset<K, R> mapValues(MapFunction<V, R> f) {
        return new PairDataset<>(context(), plan().map(p -> new Pair<>(p.key(), f.call(p.value()))));
    }

    private int defaultPartitions() {
        int configured = context().conf().get(CoreKeys.DEFAULT_PARALLELISM);
        return configured > 0 ? configured : Math.max(1, getNumPartitions());
    }
}
