package dev.spindle;

import dev.spindle.function.FilterFunction;
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
}
