package dev.spindle;

import dev.spindle.config.CoreKeys;
import dev.spindle.function.KeyComparator;
import dev.spindle.function.MapFunction;
import dev.spindle.function.ReduceFunction;
import dev.spindle.internal.Partition;
import dev.spindle.internal.TaskContext;
import dev.spindle.shuffle.Aggregator;
import dev.spindle.shuffle.Partitioner;
import dev.spindle.shuffle.RangePartitioner;
import dev.spindle.shuffle.ShuffleDependency;

import java.util.ArrayList;
import java.util.Comparator;
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
        Comparator<K> direction = ascending ? order : order.reversed();
        int perPartition = (int) Math.min(1_000_000L, Math.max(20L, 60L * numPartitions / Math.max(1, getNumPartitions())));
        List<KeySample<K>> samples = mapPartitions(it -> List.of(KeySample.of(it, perPartition)).iterator()).collect();
        List<RangePartitioner.Weighted<K>> weighted = new ArrayList<>();
        for (KeySample<K> s : samples) {
            double weight = s.keys().isEmpty() ? 0 : (double) s.records() / s.keys().size();
            s.keys().forEach(k -> weighted.add(new RangePartitioner.Weighted<>(k, weight)));
        }
        RangePartitioner<K> partitioner = RangePartitioner.fromSample(weighted, numPartitions, direction);
        KeyComparator<K> ordering = ascending ? order : (a, b) -> order.compare(b, a);
        ShuffleDependency<K, V, V> dep = new ShuffleDependency<>(context().newShuffleId(), this, partitioner, null,
                false, ordering);
        return new PairDataset<>(new ShuffledDataset<>(context(), dep));
    }

    /** A reservoir sample of one partition's keys and how many records it had. */
    private record KeySample<K>(long records, List<K> keys) implements java.io.Serializable {
        static <K, V> KeySample<K> of(Iterator<Pair<K, V>> it, int size) {
            List<K> keys = new ArrayList<>(size);
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(size);
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
            return new KeySample<>(n, keys);
        }
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
