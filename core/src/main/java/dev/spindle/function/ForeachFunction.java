package dev.spindle.function;

import java.io.Serializable;

/**
 * What {@link dev.spindle.Dataset#foreach} does with each element (or {@code foreachPartition} with each
 * partition's iterator), on the executors, for its side effects. Serialized to the executors.
 */
@FunctionalInterface
public interface ForeachFunction<T> extends Serializable {
    void call(T value) throws Exception;
}
