package dev.spindle.function;

import java.io.Serializable;

/**
 * A function applied to each element by {@link dev.spindle.Dataset#map}. It is serialized to the executors, so what it captures must be serializable.
 */
@FunctionalInterface
public interface MapFunction<T, R> extends Serializable {
    R call(T value) throws Exception;
}
