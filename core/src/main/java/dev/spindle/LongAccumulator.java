package dev.spindle;

import dev.spindle.spi.AccumulatorState;

/**
 * A sum of longs that tasks add to and the driver reads, as Spark's {@code LongAccumulator}: create it
 * with {@link SpindleContext#longAccumulator}, use it in a function, read {@link #value()} after an
 * action. Each task adds to a copy of its own that starts at zero; the driver merges a task's additions
 * once, for the attempt whose result it takes, so retried, speculative and recomputed tasks count
 * once. Inside a task, {@link #value()} is what that task has added so far.
 */
public final class LongAccumulator extends AccumulatorBase {
    private static final long serialVersionUID = 1L;

    LongAccumulator(AccumulatorState state) {
        super(state);
    }

    public void add(long value) {
        state().add(value);
    }

    /** The sum: on the driver, of every successful task's additions. */
    public Long value() {
        return state().longSum();
    }

    public long sum() {
        return state().longSum();
    }

    /** The mean of the values added, NaN when none was. */
    public double avg() {
        long n = count();
        return n == 0 ? Double.NaN : (double) sum() / n;
    }
}
