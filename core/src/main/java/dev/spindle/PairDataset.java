package dev.spindle;

import dev.spindle.config.CoreKeys;
import dev.spindle.function.MapFunction;
import dev.spindle.function.ReduceFunction;
import dev.spindle.internal.Partition;
import dev.spindle.internal.TaskContext;
import dev.spindle.shuffle.Aggregator;
import dev.spindle.shuffle.Partitioner;
import dev.spindle.shuffle.ShuffleDependency;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A dataset of key-value {@link Pair}s with the key-wise operations that shuffle: records of a key
 * meet in one partition of the result. The number of result partitions is, in order of precedence,
 * the one given to the operation, {@code spindle.default.parallelism}, or this dataset's own.
 */
public final class PairDataset<K, V> extends Dataset<Pair<K, V>> {
    private static final long serialVersionUID = 1L;

    private final Dataset<Pair<K, V>> records;

    PairDataset(Dataset<Pair<K, V>> records) {
        super(records.context());
        this.records = records;
    }

    @Override
    public List<? extends Partition> partitions() {
        return records.partitions();
    }

    @Override
    public Iterator<Pair<K, V>> compute(Partition partition, TaskContext task) throws Exception {
        return records.compute(partition, task);
    }

    @Override
    public List<Dataset<?>> narrowParents() {
        return List.of(records);
    }

    /** Combines the values of each key with {@code f}, on the map side first. */
    public PairDataset<K, V> reduceByKey(ReduceFunction<V> f) {
        return reduceByKey(f, defaultPartitions());
    }

    public PairDataset<K, V> reduceByKey(ReduceFunction<V> f, int numPartitions) {
        Aggregator<V, V> agg = new Aggregator<>(v -> v, f::call, f::call);
        return shuffle(new Partitioner.Hash(numPartitions), agg, true);
    }

    /** All values of each key in one list. No map-side combining: it would not shrink anything. */
    public PairDataset<K, List<V>> groupByKey() {
        return groupByKey(defaultPartitions());
    }

    public PairDataset<K, List<V>> groupByKey(int numPartitions) {
        Aggregator<V, List<V>> agg = new Aggregator<>(v -> {
            List<V> l = new ArrayList<>();
            l.add(v);
            return l;
        }, (l, v) -> {
            l.add(v);
            return l;
        }, (a, b) -> {
            a.addAll(b);
            return a;
        });
        return shuffle(new Partitioner.Hash(numPartitions), agg, false);
    }

    /** Applies {@code f} to each value, keeping keys (and so partitioning) as they are. */
    public <R> PairDataset<K, R> mapValues(MapFunction<V, R> f) {
        return new PairDataset<>(map(p -> new Pair<>(p.key(), f.call(p.value()))));
    }

    private <C> PairDataset<K, C> shuffle(Partitioner partitioner, Aggregator<V, C> agg, boolean mapSideCombine) {
        ShuffleDependency<K, V, C> dep = new ShuffleDependency<>(context().newShuffleId(), this, partitioner, agg,
                mapSideCombine, null);
        return new PairDataset<>(new ShuffledDataset<>(context(), dep));
    }

    private int defaultPartitions() {
        int configured = context().conf().get(CoreKeys.DEFAULT_PARALLELISM);
        return configured > 0 ? configured : Math.max(1, getNumPartitions());
    }
}
