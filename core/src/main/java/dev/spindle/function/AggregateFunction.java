package dev.spindle.function;

import java.io.Serializable;

/**
 * Adds one element to an accumulator, for {@link dev.spindle.Dataset#aggregate}: may change and return
 * {@code accumulator} or return a new one. It is serialized to the executors, so what it captures must be
 * serializable.
 */
@FunctionalInterface
public interface AggregateFunction<A, T> extends Serializable {
    A call(A accumulator, T element) throws Exception;
}
