package dev.spindle;

import dev.spindle.config.CoreKeys;
import dev.spindle.function.FilterFunction;
import dev.spindle.function.FlatMapFunction;
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

    /** The pairs {@code f} keeps, still a pair dataset (as Spark's {@code JavaPairRDD.filter}). */
    @Override
    public PairDataset<K, V> filter(FilterFunction<Pair<K, V>> f) {
        return new PairDataset<>(context(), plan().filter(f));
    }

    /** The keys, in the order of this dataset (duplicates kept). */
    public Dataset<K> keys() {
        return map(Pair::key);
    }

    /** The values, in the order of this dataset. */
    public Dataset<V> values() {
        return map(Pair::value);
    }

    /** Each value turned into any number of values of the same key. */
    public <R> PairDataset<K, R> flatMapValues(FlatMapFunction<V, R> f) {
        return flatMap((Pair<K, V> p) -> {
            java.util.Iterator<R> values = f.call(p.value());
            return new java.util.Iterator<Pair<K, R>>() {
                @Override
                public boolean hasNext() {
                    return values.hasNext();
                }

                @Override
                public Pair<K, R> next() {
                    return new Pair<>(p.key(), values.next());
                }
            };
        }).mapToPair(p -> p);
    }

    /** How many pairs each key has, counted on the executors (a shuffle), in the driver's memory. */
    public java.util.Map<K, Long> countByKey() {
        java.util.Map<K, Long> counts = new java.util.HashMap<>();
        for (Pair<K, Long> p : mapValues(v -> 1L).reduceByKey(Long::sum).collect()) {
            counts.put(p.key(), p.value());
        }
        return counts;
    }

    /** The pairs as a map in the driver's memory; of a key with several values, one is kept (as Spark). */
    public java.util.Map<K, V> collectAsMap() {
        java.util.Map<K, V> map = new java.util.HashMap<>();
        for (Pair<K, V> p : collect()) {
            map.put(p.key(), p.value());
        }
        return map;
    }

    private int defaultPartitions() {
        int configured = context().conf().get(CoreKeys.DEFAULT_PARALLELISM);
        return configured > 0 ? configured : Math.max(1, getNumPartitions());
    }
}
