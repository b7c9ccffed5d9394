package dev.spindle.function;

import java.io.Serializable;

/**
 * An associative, commutative combination of two elements, for {@link dev.spindle.Dataset#reduce}. It is serialized to the executors, so what it captures must be serializable.
 */
@FunctionalInterface
public interface ReduceFunction<T> extends Serializable {
    T call(T left, T right) throws Exception;
}
