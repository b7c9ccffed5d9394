package dev.spindle;

import dev.spindle.config.CoreKeys;
import dev.spindle.function.AggregateFunction;
import dev.spindle.function.CombineFunction;
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
 * the one given to the operation, that of a hash partitioning an input already has (after a key-wise
 * operation, kept by {@link #mapValues}, {@link #filter} and {@link #flatMapValues}),
 * {@code spindle.default.parallelism}, or the largest input's own.
 *
 * <p>A key-wise operation whose input is already hash-partitioned into the same number of partitions
 * needs no shuffle: {@code reduceByKey} combines within partitions and a join reads such a side
 * partition by partition, as Spark does for co-partitioned datasets. So an iterative job that joins
 * with the same data every round (PageRank's links) partitions it once with {@link #partitionBy}.
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
        return new PairDataset<>(context(), plan().map(p -> new Pair<>(p.key(), f.call(p.value())), true));
    }

    /** The pairs {@code f} keeps, still a pair dataset (as Spark's {@code JavaPairRDD.filter}). */
    @Override
    public PairDataset<K, V> filter(FilterFunction<Pair<K, V>> f) {
        return new PairDataset<>(context(), plan().filter(f));
    }

    /** This dataset's pairs followed by {@code other}'s, still a pair dataset; no shuffle. */
    @Override
    public PairDataset<K, V> union(Dataset<Pair<K, V>> other) {
        return new PairDataset<>(context(), super.union(other).plan());
    }

    @Override
    public PairDataset<K, V> cache() {
        super.cache();
        return this;
    }

    @Override
    public PairDataset<K, V> persist(StorageLevel level) {
        super.persist(level);
        return this;
    }

    @Override
    public PairDataset<K, V> unpersist() {
        super.unpersist();
        return this;
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
        return new PairDataset<>(context(), plan().flatMap((Pair<K, V> p) -> {
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
        }, true));
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

    /**
     * Combines each key's values into a combiner of another type: {@code createCombiner} turns a key's
     * first value into one, {@code mergeValue} adds later values, {@code mergeCombiners} merges the
     * combiners of different tasks. Combines on the map side first.
     */
    public <C> PairDataset<K, C> combineByKey(MapFunction<V, C> createCombiner, CombineFunction<C, V> mergeValue,
                                              CombineFunction<C, C> mergeCombiners) {
        return combineByKey(createCombiner, mergeValue, mergeCombiners, defaultPartitions());
    }

    public <C> PairDataset<K, C> combineByKey(MapFunction<V, C> createCombiner, CombineFunction<C, V> mergeValue,
                                              CombineFunction<C, C> mergeCombiners, int numPartitions) {
        Dataset.checkPartitions(numPartitions);
        Plan<Pair<K, C>> combined = plan().combineByKey(createCombiner, mergeValue, mergeCombiners, numPartitions, true);
        return new PairDataset<>(context(), combined);
    }

    /**
     * Aggregates each key's values into a result of another type: each key starts from its own copy of
     * {@code zero} in each task, {@code seqOp} adds values, {@code combOp} merges tasks' results.
     */
    public <U> PairDataset<K, U> aggregateByKey(U zero, AggregateFunction<U, V> seqOp, ReduceFunction<U> combOp) {
        return aggregateByKey(zero, defaultPartitions(), seqOp, combOp);
    }

    public <U> PairDataset<K, U> aggregateByKey(U zero, int numPartitions, AggregateFunction<U, V> seqOp,
                                                ReduceFunction<U> combOp) {
        SerializedValue<U> zeros = new SerializedValue<>(zero);
        return combineByKey(v -> seqOp.call(zeros.copy(), v), seqOp::call, combOp::call, numPartitions);
    }

    /** Folds each key's values with {@code f}, each key starting from its own copy of {@code zero}. */
    public PairDataset<K, V> foldByKey(V zero, ReduceFunction<V> f) {
        return foldByKey(zero, defaultPartitions(), f);
    }

    public PairDataset<K, V> foldByKey(V zero, int numPartitions, ReduceFunction<V> f) {
        return aggregateByKey(zero, numPartitions, f::call, f);
    }

    /** The same pairs, hash-partitioned by key into {@code numPartitions} (a shuffle unless they already are). */
    public PairDataset<K, V> partitionBy(int numPartitions) {
        Dataset.checkPartitions(numPartitions);
        return new PairDataset<>(context(), plan().partitionBy(numPartitions));
    }

    /** For each key of either dataset, its values here and its values in {@code other} (either list may be empty). */
    public <W> PairDataset<K, Pair<List<V>, List<W>>> cogroup(PairDataset<K, W> other) {
        return cogroup(other, defaultPartitions(other));
    }

    @SuppressWarnings("unchecked")
    public <W> PairDataset<K, Pair<List<V>, List<W>>> cogroup(PairDataset<K, W> other, int numPartitions) {
        Dataset.checkPartitions(numPartitions);
        Plan<Pair<K, List<List<Object>>>> grouped = plan().cogroup(List.of(other.plan()), numPartitions);
        return new PairDataset<>(context(), grouped.map(p -> new Pair<>(p.key(),
                new Pair<>((List<V>) (List<?>) p.value().get(0), (List<W>) (List<?>) p.value().get(1))), true));
    }

    /** Pairs of this dataset's and {@code other}'s values for each key both have (an inner join). */
    public <W> PairDataset<K, Pair<V, W>> join(PairDataset<K, W> other) {
        return join(other, defaultPartitions(other));
    }

    public <W> PairDataset<K, Pair<V, W>> join(PairDataset<K, W> other, int numPartitions) {
        return cogroup(other, numPartitions).flatMapValues(g -> {
            List<Pair<V, W>> out = new java.util.ArrayList<>(g.key().size() * g.value().size());
            for (V v : g.key()) {
                for (W w : g.value()) {
                    out.add(new Pair<>(v, w));
                }
            }
            return out.iterator();
        });
    }

    /** Every pair of this dataset, with {@code other}'s values of its key, or an empty Optional where none. */
    public <W> PairDataset<K, Pair<V, Optional<W>>> leftOuterJoin(PairDataset<K, W> other) {
        return leftOuterJoin(other, defaultPartitions(other));
    }

    public <W> PairDataset<K, Pair<V, Optional<W>>> leftOuterJoin(PairDataset<K, W> other, int numPartitions) {
        return cogroup(other, numPartitions).flatMapValues(g -> {
            List<Pair<V, Optional<W>>> out = new java.util.ArrayList<>();
            for (V v : g.key()) {
                if (g.value().isEmpty()) {
                    out.add(new Pair<>(v, Optional.empty()));
                }
                for (W w : g.value()) {
                    out.add(new Pair<>(v, Optional.of(w)));
                }
            }
            return out.iterator();
        });
    }

    /** Every pair of {@code other}, with this dataset's values of its key, or an empty Optional where none. */
    public <W> PairDataset<K, Pair<Optional<V>, W>> rightOuterJoin(PairDataset<K, W> other) {
        return rightOuterJoin(other, defaultPartitions(other));
    }

    public <W> PairDataset<K, Pair<Optional<V>, W>> rightOuterJoin(PairDataset<K, W> other, int numPartitions) {
        return cogroup(other, numPartitions).flatMapValues(g -> {
            List<Pair<Optional<V>, W>> out = new java.util.ArrayList<>();
            for (W w : g.value()) {
                if (g.key().isEmpty()) {
                    out.add(new Pair<>(Optional.empty(), w));
                }
                for (V v : g.key()) {
                    out.add(new Pair<>(Optional.of(v), w));
                }
            }
            return out.iterator();
        });
    }

    /** Every key of either dataset with each combination of its values, an empty Optional for a missing side. */
    public <W> PairDataset<K, Pair<Optional<V>, Optional<W>>> fullOuterJoin(PairDataset<K, W> other) {
        return fullOuterJoin(other, defaultPartitions(other));
    }

    public <W> PairDataset<K, Pair<Optional<V>, Optional<W>>> fullOuterJoin(PairDataset<K, W> other,
                                                                           int numPartitions) {
        return cogroup(other, numPartitions).flatMapValues(g -> {
            List<Pair<Optional<V>, Optional<W>>> out = new java.util.ArrayList<>();
            if (g.key().isEmpty()) {
                g.value().forEach(w -> out.add(new Pair<>(Optional.empty(), Optional.of(w))));
            } else if (g.value().isEmpty()) {
                g.key().forEach(v -> out.add(new Pair<>(Optional.of(v), Optional.empty())));
            } else {
                for (V v : g.key()) {
                    for (W w : g.value()) {
                        out.add(new Pair<>(Optional.of(v), Optional.of(w)));
                    }
                }
            }
            return out.iterator();
        });
    }

    /** The pairs of this dataset whose key {@code other} does not have. */
    public <W> PairDataset<K, V> subtractByKey(PairDataset<K, W> other) {
        return subtractByKey(other, defaultPartitions(other));
    }

    public <W> PairDataset<K, V> subtractByKey(PairDataset<K, W> other, int numPartitions) {
        return cogroup(other, numPartitions).flatMapValues(g -> g.value().isEmpty() ? g.key().iterator()
                : java.util.Collections.emptyIterator());
    }

    /** Sorts by the keys' natural order, ascending or descending, over as many partitions as this dataset has. */
    public PairDataset<K, V> sortByKey(boolean ascending) {
        return sortByKey(KeyComparator.natural(), ascending, defaultPartitions());
    }

    private int defaultPartitions() {
        return defaultPartitions(null);
    }

    /**
     * The partitions of a key-wise result over this dataset (and {@code other}, if not null): an existing
     * hash partitioning's, so co-partitioned inputs need no shuffle, else the configured default, else
     * the largest input's number of partitions.
     */
    private int defaultPartitions(PairDataset<K, ?> other) {
        int partitioned = Math.max(plan().hashPartitions(), other == null ? 0 : other.plan().hashPartitions());
        if (partitioned > 0) {
            return partitioned;
        }
        int configured = context().conf().get(CoreKeys.DEFAULT_PARALLELISM);
        if (configured > 0) {
            return configured;
        }
        return Math.max(1, Math.max(getNumPartitions(), other == null ? 0 : other.getNumPartitions()));
    }
}
