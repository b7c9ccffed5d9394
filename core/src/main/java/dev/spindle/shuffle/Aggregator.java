package dev.spindle.shuffle;

import dev.spindle.function.CombineFunction;
import dev.spindle.function.MapFunction;

import java.io.Serializable;

/**
 * How values of one key combine: the first value becomes a combiner, later values merge into it, and
 * combiners from different map tasks merge with each other. {@link CombineMap} applies them.
 */
public record Aggregator<V, C>(MapFunction<V, C> createCombiner, CombineFunction<C, V> mergeValue,
                               CombineFunction<C, C> mergeCombiners) implements Serializable {
}
