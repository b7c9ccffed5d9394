package dev.spindle.function;

import java.io.Serializable;

/**
 * Turns a whole partition's iterator into another, for {@link dev.spindle.Dataset#mapPartitions}. It is serialized to the executors, so what it captures must be serializable.
 */
@FunctionalInterface
public interface MapPartitionsFunction<T, R> extends Serializable {
    java.util.Iterator<R> call(java.util.Iterator<T> partition) throws Exception;
}
