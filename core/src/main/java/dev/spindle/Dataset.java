package dev.spindle;

import dev.spindle.function.AggregateFunction;
import dev.spindle.function.FilterFunction;
import dev.spindle.function.ForeachFunction;
import dev.spindle.function.KeyComparator;
import dev.spindle.function.FlatMapFunction;
import dev.spindle.function.MapFunction;
import dev.spindle.function.MapPartitionsFunction;
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
    @SuppressWarnings("unchecked")
    private static <A> A copyOf(A value) {
        if (value == null) {
            return null;
        }
        ClassLoader loader = value.getClass().getClassLoader() == null ? Dataset.class.getClassLoader()
                : value.getClass().getClassLoader();
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray())) {
                @Override
                protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws java.io.IOException,
                        ClassNotFoundException {
                    try {
                        return Class.forName(desc.getName(), false, loader);
                    } catch (ClassNotFoundException e) {
                        return super.resolveClass(desc);
                    }
                }
            }) {
                return (A) in.readObject();
            }
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("the zero value cannot be copied by serialization: " + e, e);
        }
    }
}
