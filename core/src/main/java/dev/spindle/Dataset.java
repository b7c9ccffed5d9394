package dev.spindle;

import dev.spindle.function.AggregateFunction;
import dev.spindle.function.FilterFunction;
import dev.spindle.function.ForeachFunction;
import dev.spindle.function.KeyComparator;
import dev.spindle.function.FlatMapFunction;
import dev.spindle.function.MapFunction;
import dev.spindle.function.MapPartitionsFunction;
import dev.spindle.function.MapPartitionsWithIndexFunction;
import dev.spindle.function.ReduceFunction;
import dev.spindle.spi.Plan;

import java.io.Serializable;
import java.util.List;

/**
 * A partitioned, immutable collection computed lazily by executors, in the style of Spark's RDD.
 * Transformations ({@link #map}, {@link #filter}, {@link #flatMap}, {@link #mapPartitions}) build a
 * new dataset and run nothing; actions ({@link #collect}, {@link #count}, {@link #reduce}) run a job.
 * Chained narrow transformations are fused: each partition is computed in one pass.
 *
 * <p>A dataset is serialized into its tasks; its context is not, so it is only usable for new
 * transformations and actions on the driver.
 *
 * <p>Datasets come from a {@link SpindleContext}; how they are computed (partitions, lineage,
 * shuffles) is the engine's, held privately as a {@link Plan}, so this class cannot be extended.
 *
 * @param <T> the element type
 */
public class Dataset<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final transient SpindleContext context;
    private final Plan<T> plan;

    Dataset(SpindleContext context, Plan<T> plan) {
        this.context = context;
        this.plan = plan;
    }

    public final SpindleContext context() {
        if (context == null) {
            throw new IllegalStateException("a dataset can only start jobs on the driver, not inside a task");
        }
        return context;
    }

    /** The plan behind this dataset, for the key-wise operations of {@link PairDataset}. */
    final Plan<T> plan() {
        return plan;
    }

    public int getNumPartitions() {
        return plan.numPartitions();
    }

    /** Turns each element into a key and a value, for key-wise operations. */
    public <K, V> PairDataset<K, V> mapToPair(MapFunction<T, Pair<K, V>> f) {
        return new PairDataset<>(context(), plan.map(f));
    }

    /** Turns each element into any number of key-value pairs. */
    public <K, V> PairDataset<K, V> flatMapToPair(FlatMapFunction<T, Pair<K, V>> f) {
        return new PairDataset<>(context(), plan.flatMap(f));
    }

    /** Pairs each element with the key {@code f} gives it. */
    public <K> PairDataset<K, T> keyBy(MapFunction<T, K> f) {
        return mapToPair(t -> new Pair<>(f.call(t), t));
    }

    public <R> Dataset<R> mapPartitions(MapPartitionsFunction<T, R> f) {
        return new Dataset<>(context, plan.mapPartitions(f));
    }

    public <R> Dataset<R> map(MapFunction<T, R> f) {
        return new Dataset<>(context, plan.map(f));
    }

    public Dataset<T> filter(FilterFunction<T> f) {
        return new Dataset<>(context, plan.filter(f));
    }

    public <R> Dataset<R> flatMap(FlatMapFunction<T, R> f) {
        return new Dataset<>(context, plan.flatMap(f));
    }

    /**
     * {@code f} over each partition with the partition's index. {@code preservesPartitioning}: {@code f}
     * keeps every pair's key, so the result stays partitioned as this dataset is (only meaningful for pairs).
     */
    public <R> Dataset<R> mapPartitionsWithIndex(MapPartitionsWithIndexFunction<T, R> f, boolean preservesPartitioning) {
        return new Dataset<>(context, plan.mapPartitionsWithIndex(f, preservesPartitioning));
    }

    /** This dataset's elements followed by {@code other}'s, with no shuffle (duplicates kept, as Spark). */
    public Dataset<T> union(Dataset<T> other) {
        return new Dataset<>(context, plan.union(List.of(other.plan())));
    }

    /**
     * At most {@code numPartitions} partitions without a shuffle: neighbouring partitions are read by one
     * task, in order. To spread skewed partitions or to get more partitions, use {@link #repartition}.
     */
    public Dataset<T> coalesce(int numPartitions) {
        return coalesce(numPartitions, false);
    }

    /** As {@link #coalesce(int)}; with {@code shuffle}, as {@link #repartition}. */
    public Dataset<T> coalesce(int numPartitions, boolean shuffle) {
        checkPartitions(numPartitions);
        return shuffle ? repartition(numPartitions) : new Dataset<>(context, plan.coalesce(numPartitions));
    }

    /**
     * Exactly {@code numPartitions} partitions of about equal size through a shuffle: each partition
     * deals its elements round-robin, from a position of its own, over the new partitions.
     */
    public Dataset<T> repartition(int numPartitions) {
        checkPartitions(numPartitions);
        Dataset<Pair<Integer, T>> dealt = mapPartitionsWithIndex((index, it) -> {
            int[] next = {new java.util.Random(index).nextInt(numPartitions)};
            return mapped(it, t -> {
                int target = next[0];
                next[0] = (target + 1) % numPartitions;
                return new Pair<>(target, t);
            });
        }, false);
        return new PairDataset<>(context, dealt.plan()).partitionBy(numPartitions).values();
    }

    /**
     * A random sample, reproducible from {@code seed}: each element kept with probability {@code fraction}
     * (without replacement), or repeated a Poisson({@code fraction}) number of times (with replacement,
     * where {@code fraction} is the expected number of copies and may exceed 1).
     */
    public Dataset<T> sample(boolean withReplacement, double fraction, long seed) {
        if (!(fraction >= 0) || (!withReplacement && fraction > 1) || Double.isInfinite(fraction)) {
            throw new IllegalArgumentException("the fraction must be " + (withReplacement ? "at least 0" : "in [0, 1]")
                    + ", not " + fraction);
        }
        return mapPartitionsWithIndex((index, it) -> Sampling.sample(it, withReplacement, fraction, seed, index), true);
    }

    /** As {@link #sample(boolean, double, long)} with a random seed. */
    public Dataset<T> sample(boolean withReplacement, double fraction) {
        return sample(withReplacement, fraction, new java.util.Random().nextLong());
    }

    /** The elements sorted by the natural order of the key {@code f} gives each, in {@code numPartitions}. */
    public <K> Dataset<T> sortBy(MapFunction<T, K> f, boolean ascending, int numPartitions) {
        checkPartitions(numPartitions);
        return keyBy(f).sortByKey(KeyComparator.natural(), ascending, numPartitions).values();
    }

    /**
     * Each element with its position in the dataset (partition order, then order within a partition).
     * As Spark, a job counts the partitions' elements first when there is more than one partition.
     */
    public PairDataset<T, Long> zipWithIndex() {
        int n = getNumPartitions();
        long[] starts = new long[Math.max(1, n)];
        if (n > 1) {
            long[] sizes = plan.partitionSizes();
            for (int i = 1; i < n; i++) {
                starts[i] = starts[i - 1] + sizes[i - 1];
            }
        }
        Dataset<Pair<T, Long>> indexed = mapPartitionsWithIndex((index, it) -> {
            long[] next = {starts[index]};
            return mapped(it, t -> new Pair<>(t, next[0]++));
        }, false);
        return new PairDataset<>(context, indexed.plan());
    }

    /** Every pair of an element of this dataset and one of {@code other}. */
    public <U> PairDataset<T, U> cartesian(Dataset<U> other) {
        return new PairDataset<>(context, plan.<U, Pair<T, U>>cartesian(other.plan()));
    }

    /**
     * The first {@code n} elements in partition order. As Spark, it computes one partition first and
     * more only while it has not found {@code n}: on a large input it is far cheaper than collect.
     */
    public List<T> take(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, not " + n);
        }
        return n == 0 ? List.of() : plan.take(n);
    }

    /** The first element. @throws java.util.NoSuchElementException if the dataset is empty */
    public T first() {
        List<T> one = take(1);
        if (one.isEmpty()) {
            throw new java.util.NoSuchElementException("first() of an empty dataset");
        }
        return one.get(0);
    }

    /** Whether the dataset has no element; computes partitions only until it finds one. */
    public boolean isEmpty() {
        return getNumPartitions() == 0 || take(1).isEmpty();
    }

    /** {@code f} applied lazily to each element of {@code it}. */
    static <A, B> java.util.Iterator<B> mapped(java.util.Iterator<A> it, java.util.function.Function<A, B> f) {
        return new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public B next() {
                return f.apply(it.next());
            }
        };
    }

    static void checkPartitions(int numPartitions) {
        if (numPartitions < 1) {
            throw new IllegalArgumentException("the number of partitions must be at least 1, not " + numPartitions);
        }
    }

    /**
     * Keeps this dataset's partitions in the executors once a job has computed them, so later jobs read
     * them instead of computing them again: {@link StorageLevel#MEMORY_ONLY}. Returns this dataset.
     */
    public Dataset<T> cache() {
        return persist(StorageLevel.MEMORY_ONLY);
    }

    /**
     * Keeps this dataset's partitions at {@code level} once computed (lazily: by the next job that
     * computes them). Returns this dataset, as Spark does.
     *
     * @throws UnsupportedOperationException if it is persisted at another level already
     */
    public Dataset<T> persist(StorageLevel level) {
        plan.persist(level.useMemory(), level.useDisk());
        return this;
    }

    /** Stops keeping this dataset's partitions and has the executors drop them. Returns this dataset. */
    public Dataset<T> unpersist() {
        plan.unpersist();
        return this;
    }

    /** The level this dataset is persisted at, or empty. */
    public java.util.Optional<StorageLevel> getStorageLevel() {
        boolean[] s = plan.storage();
        return s == null ? java.util.Optional.empty() : java.util.Optional.of(StorageLevel.of(s[0], s[1]));
    }

    /** All elements, in partition order, in the driver's memory. */
    public List<T> collect() {
        return plan.collect();
    }

    public long count() {
        return plan.count();
    }

    /**
     * Combines all elements with {@code f}, first within each partition on the executors, then the
     * partitions' results on the driver.
     *
     * @throws UnsupportedOperationException if the dataset is empty
     */
    public T reduce(ReduceFunction<T> f) {
        return plan.reduce(f);
    }

    /**
     * Writes each element's {@code toString()} as a UTF-8 line to part files under {@code path}, then
     * an empty {@code _SUCCESS}. An existing {@code path} is refused before anything runs; a failed
     * job leaves no {@code path} behind.
     */
    public void saveAsTextFile(String path) {
        plan.saveAsTextFile(path);
    }

    /**
     * As {@link #saveAsTextFile(String)}, each part file compressed with a Hadoop codec: {@code codec} is
     * an alias ({@code gzip}, {@code bzip2}, {@code lz4}, {@code deflate}, ...) or a {@code CompressionCodec}
     * class name (Spark takes the class; a name keeps Hadoop's types out of this API). Part files get the
     * codec's extension, so {@link SpindleContext#textFile} reads them back.
     *
     * @throws IllegalArgumentException if there is no such codec
     */
    public void saveAsTextFile(String path, String codec) {
        plan.saveAsTextFile(path, codec);
    }

    /**
     * Writes the elements, which must be {@code byte[]}, back to back into part files under
     * {@code path}: the layout {@link SpindleContext#binaryRecords} reads. Committed as
     * {@link #saveAsTextFile} is.
     */
    public void saveAsBinaryRecords(String path) {
        plan.saveAsBinaryRecords(path);
    }

    /**
     * Folds all elements with {@code op}, starting each partition from its own copy of {@code zero}
     * on the executors, then the partitions' results on the driver from another copy: as Spark's
     * {@code fold}, {@code zero} should be neutral for {@code op}.
     */
    public T fold(T zero, ReduceFunction<T> op) {
        return aggregate(zero, op::call, op);
    }

    /**
     * Aggregates the elements into a result of another type: each partition adds its elements to its
     * own copy of {@code zero} with {@code seqOp}, and the driver combines the partitions' results,
     * from a copy of {@code zero}, with {@code combOp}.
     */
    public <A> A aggregate(A zero, AggregateFunction<A, T> seqOp, ReduceFunction<A> combOp) {
        // The closure carries zero: each task deserializes a copy of its own.
        List<A> perPartition = plan.mapPartitions((MapPartitionsFunction<T, A>) it -> {
            A acc = zero;
            while (it.hasNext()) {
                acc = seqOp.call(acc, it.next());
            }
            return List.of(acc).iterator();
        }).collect();
        A result = copyOf(zero);
        try {
            for (A a : perPartition) {
                result = combOp.call(result, a);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new JobFailedException("combining the partitions' results threw " + e, e);
        }
        return result;
    }

    /** The smallest element in {@code order}. @throws UnsupportedOperationException if there is none */
    public T min(KeyComparator<T> order) {
        return reduce((a, b) -> order.compare(a, b) <= 0 ? a : b);
    }

    /** The largest element in {@code order}. @throws UnsupportedOperationException if there is none */
    public T max(KeyComparator<T> order) {
        return reduce((a, b) -> order.compare(a, b) >= 0 ? a : b);
    }

    /** The {@code n} smallest elements in {@code order}, smallest first; each partition sends at most n. */
    public List<T> takeOrdered(int n, KeyComparator<T> order) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, not " + n);
        }
        if (n == 0) {
            return List.of();
        }
        List<T> candidates = plan.mapPartitions((MapPartitionsFunction<T, T>) it -> smallest(it, n, order).iterator())
                .collect();
        return smallest(candidates.iterator(), n, order);
    }

    /** The {@code n} smallest elements in their natural order. */
    public List<T> takeOrdered(int n) {
        return takeOrdered(n, KeyComparator.natural());
    }

    /** The {@code n} largest elements in {@code order}, largest first. */
    public List<T> top(int n, KeyComparator<T> order) {
        return takeOrdered(n, (a, b) -> order.compare(b, a));
    }

    /** The {@code n} largest elements in their natural order, largest first. */
    public List<T> top(int n) {
        return top(n, KeyComparator.natural());
    }

    /** How often each distinct element occurs, counted on the executors (a shuffle), in the driver's memory. */
    public java.util.Map<T, Long> countByValue() {
        java.util.Map<T, Long> counts = new java.util.HashMap<>();
        for (Pair<T, Long> p : mapToPair(t -> new Pair<>(t, 1L)).reduceByKey(Long::sum).collect()) {
            counts.put(p.key(), p.value());
        }
        return counts;
    }

    /** The distinct elements (by {@code equals}), over as many partitions as this dataset's key-wise default. */
    public Dataset<T> distinct() {
        return mapToPair(t -> new Pair<>(t, Boolean.TRUE)).reduceByKey((a, b) -> a).keys();
    }

    /** The distinct elements, in {@code numPartitions} partitions. */
    public Dataset<T> distinct(int numPartitions) {
        return mapToPair(t -> new Pair<>(t, Boolean.TRUE)).reduceByKey((a, b) -> a, numPartitions).keys();
    }

    /** Runs {@code f} on every element, on the executors. */
    public void foreach(ForeachFunction<T> f) {
        foreachPartition(it -> {
            while (it.hasNext()) {
                f.call(it.next());
            }
        });
    }

    /** Runs {@code f} on each partition's elements, on the executors. */
    public void foreachPartition(ForeachFunction<java.util.Iterator<T>> f) {
        plan.mapPartitions((MapPartitionsFunction<T, Object>) it -> {
            f.call(it);
            return java.util.Collections.emptyIterator();
        }).count();
    }

    private static <T> List<T> smallest(java.util.Iterator<T> it, int n, KeyComparator<T> order) {
        // A max-heap of the n smallest so far: its head is the first to go.
        java.util.PriorityQueue<T> heap = new java.util.PriorityQueue<>(n, order.reversed());
        while (it.hasNext()) {
            T t = it.next();
            if (heap.size() < n) {
                heap.add(t);
            } else if (order.compare(t, heap.peek()) < 0) {
                heap.poll();
                heap.add(t);
            }
        }
        List<T> out = new java.util.ArrayList<>(heap);
        out.sort(order);
        return out;
    }

    /** A copy of {@code value} through Java serialization, as each task gets one with its closure. */
    private static <A> A copyOf(A value) {
        if (value == null) {
            return null;
        }
        ClassLoader loader = value.getClass().getClassLoader() == null ? Dataset.class.getClassLoader()
                : value.getClass().getClassLoader();
        return new SerializedValue<>(value).copy(loader);
    }
}
