package dev.spindle.spi;

import dev.spindle.function.FilterFunction;
import dev.spindle.function.FlatMapFunction;
import dev.spindle.function.KeyComparator;
import dev.spindle.function.MapFunction;
import dev.spindle.function.MapPartitionsFunction;
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

    <R> Plan<R> map(MapFunction<T, R> f);

    Plan<T> filter(FilterFunction<T> f);

    <R> Plan<R> flatMap(FlatMapFunction<T, R> f);

    List<T> collect();

    long count();

    /** @throws UnsupportedOperationException if the plan has no elements */
    T reduce(ReduceFunction<T> f);

    void saveAsTextFile(String path);

    void saveAsBinaryRecords(String path);

    /** Pairs {@code (K, V)} to pairs {@code (K, V)}: {@code f} combines each key's values, map side first. */
    <V> Plan<T> reduceByKey(ReduceFunction<V> f, int numPartitions);

    /** Pairs {@code (K, V)} to pairs {@code (K, List<V>)}, {@code R} being the latter. */
    <R> Plan<R> groupByKey(int numPartitions);

    /** Pairs {@code (K, V)} sorted by key with {@code order}, globally across the partitions. */
    <K> Plan<T> sortByKey(KeyComparator<K> order, boolean ascending, int numPartitions);
}
