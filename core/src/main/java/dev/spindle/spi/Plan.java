package dev.spindle.spi;

import dev.spindle.function.CombineFunction;
import dev.spindle.function.FilterFunction;
import dev.spindle.function.FlatMapFunction;
import dev.spindle.function.KeyComparator;
import dev.spindle.function.MapFunction;
import dev.spindle.function.MapPartitionsFunction;
import dev.spindle.function.MapPartitionsWithIndexFunction;
import dev.spindle.function.ReduceFunction;

import java.io.Serializable;
import java.util.List;

/**
 * The engine's side of one dataset: what a public {@code Dataset} holds and delegates to, so that the
 * lineage (partitions, how to compute one, the shuffles between) stays out of the public API.
 * Transformations return a new plan and run nothing; actions run a job and may only be called on the
 * driver. Serializable because datasets are, though only the driver's copy can run anything.
 *
 * <p>This package cannot name {@code dev.spindle.Pair} (the public API depends on it, not the other way
 * round), so the key-wise operations are declared on every plan: they may only be called on plans whose
 * elements are {@code Pair}s, and the caller states the element type of the result.
 *
 * @param <T> the element type
 */
public interface Plan<T> extends Serializable {
    int numPartitions();

    <R> Plan<R> mapPartitions(MapPartitionsFunction<T, R> f);

    /**
     * {@code f} over each partition with its index; {@code preservesPartitioning} when {@code f} keeps
     * every pair's key, so a later key-wise operation with the same partitioning needs no shuffle.
     */
    <R> Plan<R> mapPartitionsWithIndex(MapPartitionsWithIndexFunction<T, R> f, boolean preservesPartitioning);

    /** This plan's partitions, then each of {@code others}', with no shuffle. */
    Plan<T> union(List<Plan<T>> others);

    /** At most {@code numPartitions} partitions, each a run of neighbouring ones of this plan, no shuffle. */
    Plan<T> coalesce(int numPartitions);

    /** Every pair of an element of this plan and one of {@code other}; {@code R} is {@code Pair<T, U>}. */
    <U, R> Plan<R> cartesian(Plan<U> other);

    /** The first {@code n} elements in partition order, computing as few partitions as it can. */
    List<T> take(int n);

    /** How many elements each partition has, in partition order. */
    long[] partitionSizes();

    /**
     * The number of partitions of the hash partitioning this plan's pairs are known to have (after a
     * key-wise shuffle, kept by mapValues and filter), or 0 when not known.
     */
    int hashPartitions();

    <R> Plan<R> map(MapFunction<T, R> f);

    /** As {@link #map(MapFunction)}; {@code preservesPartitioning} when {@code f} keeps every pair's key. */
    <R> Plan<R> map(MapFunction<T, R> f, boolean preservesPartitioning);

    /** Keeps the partitioning known: a filter moves no key. */
    Plan<T> filter(FilterFunction<T> f);

    <R> Plan<R> flatMap(FlatMapFunction<T, R> f);

    /** As {@link #flatMap(FlatMapFunction)}; {@code preservesPartitioning} when every result keeps its input's key. */
    <R> Plan<R> flatMap(FlatMapFunction<T, R> f, boolean preservesPartitioning);

    List<T> collect();

    /**
     * Keeps this plan's partitions in the executors once computed, in memory and/or on disk.
     *
     * @throws UnsupportedOperationException if it is persisted at another level already
     */
    void persist(boolean memory, boolean disk);

    /** Stops keeping this plan's partitions and drops those kept. */
    void unpersist();

    /** Where this plan's partitions are kept: null if not persisted, else {memory, disk}. */
    boolean[] storage();

    long count();

    /** @throws UnsupportedOperationException if the plan has no elements */
    T reduce(ReduceFunction<T> f);

    void saveAsTextFile(String path);

    /**
     * As {@link #saveAsTextFile(String)}, each part file compressed with the Hadoop codec named
     * {@code codec} (a class name or an alias such as gzip, bzip2, lz4, deflate) and named with its extension.
     *
     * @throws IllegalArgumentException if no codec by that name is on the class path
     */
    void saveAsTextFile(String path, String codec);

    void saveAsBinaryRecords(String path);

    /** Pairs {@code (K, V)} to pairs {@code (K, V)}: {@code f} combines each key's values, map side first. */
    <V> Plan<T> reduceByKey(ReduceFunction<V> f, int numPartitions);

    /**
     * Pairs {@code (K, V)} to pairs {@code (K, C)}, {@code R} being the latter: each key's first value
     * becomes a combiner, later ones merge into it, and combiners of different tasks merge. No shuffle
     * when the plan is already hash-partitioned into {@code numPartitions}.
     */
    <V, C, R> Plan<R> combineByKey(MapFunction<V, C> createCombiner, CombineFunction<C, V> mergeValue,
                                   CombineFunction<C, C> mergeCombiners, int numPartitions, boolean mapSideCombine);

    /** Pairs {@code (K, V)} to pairs {@code (K, List<V>)}, {@code R} being the latter. */
    <R> Plan<R> groupByKey(int numPartitions);

    /** The same pairs, hash-partitioned by key into {@code numPartitions} (no shuffle if they already are). */
    Plan<T> partitionBy(int numPartitions);

    /**
     * This plan's pairs and each of {@code others}' grouped by key into {@code numPartitions}: pairs
     * {@code (K, List<List<?>>)} ({@code R}), one list of values per plan, this plan's first. Plans
     * already hash-partitioned into {@code numPartitions} are read without a shuffle.
     */
    <R> Plan<R> cogroup(List<Plan<?>> others, int numPartitions);

    /** Pairs {@code (K, V)} sorted by key with {@code order}, globally across the partitions. */
    <K> Plan<T> sortByKey(KeyComparator<K> order, boolean ascending, int numPartitions);
}
