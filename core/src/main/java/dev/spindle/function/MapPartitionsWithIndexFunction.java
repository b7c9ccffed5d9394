package dev.spindle.function;

import java.io.Serializable;

/**
 * Turns a whole partition's iterator into another knowing the partition's index, for
 * {@link dev.spindle.Dataset#mapPartitionsWithIndex}. Serialized to the executors.
 */
@FunctionalInterface
public interface MapPartitionsWithIndexFunction<T, R> extends Serializable {
    java.util.Iterator<R> call(int partition, java.util.Iterator<T> elements) throws Exception;
}
