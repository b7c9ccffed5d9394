package dev.spindle.function;

import java.io.Serializable;

/**
 * A test that keeps the elements for which it is true, for {@link dev.spindle.Dataset#filter}. It is serialized to the executors, so what it captures must be serializable.
 */
@FunctionalInterface
public interface FilterFunction<T> extends Serializable {
    boolean call(T value) throws Exception;
}
