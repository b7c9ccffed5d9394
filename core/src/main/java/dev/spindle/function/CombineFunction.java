package dev.spindle.function;

import java.io.Serializable;

/** Folds a value into an accumulated one, for key-wise aggregation. Serialized to the executors. */
@FunctionalInterface
public interface CombineFunction<A, B> extends Serializable {
    A call(A accumulated, B value) throws Exception;
}
