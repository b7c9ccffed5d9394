package dev.spindle.function;

import java.io.Serializable;

/**
 * Turns each element into zero or more, for {@link dev.spindle.Dataset#flatMap}. It is serialized to the executors, so what it captures must be serializable.
 */
@FunctionalInterface
public interface FlatMapFunction<T, R> extends Serializable {
    java.util.Iterator<R> call(T value) throws Exception;
}
