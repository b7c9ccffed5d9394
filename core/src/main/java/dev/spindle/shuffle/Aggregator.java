package dev.spindle.shuffle;

import dev.spindle.function.CombineFunction;
import dev.spindle.function.MapFunction;
import dev.spindle.internal.Sneaky;

import java.io.Serializable;
import java.util.Map;

/**
 * How values of one key combine: the first value becomes a combiner, later values merge into it, and
 * combiners from different map tasks merge with each other.
 */
public record Aggregator<V, C>(MapFunction<V, C> createCombiner, CombineFunction<C, V> mergeValue,
                               CombineFunction<C, C> mergeCombiners) implements Serializable {

    /** Adds one value for {@code key} to {@code combiners}. */
    public void addValue(Map<Object, C> combiners, Object key, V value) {
        try {
            C current = combiners.get(key);
            if (current == null && !combiners.containsKey(key)) {
                combiners.put(key, createCombiner.call(value));
            } else {
                combiners.put(key, mergeValue.call(current, value));
            }
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        }
    }

    /** Merges one map task's combiner for {@code key} into {@code combiners}. */
    public void addCombiner(Map<Object, C> combiners, Object key, C combiner) {
        try {
            C current = combiners.get(key);
            if (current == null && !combiners.containsKey(key)) {
                combiners.put(key, combiner);
            } else {
                combiners.put(key, mergeCombiners.call(current, combiner));
            }
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        }
    }
}
