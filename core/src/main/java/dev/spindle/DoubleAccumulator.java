package dev.spindle;

import dev.spindle.spi.AccumulatorState;

/** A sum of doubles, otherwise as {@link LongAccumulator}; from {@link SpindleContext#doubleAccumulator}. */
public final class DoubleAccumulator extends AccumulatorBase {
    private static final long serialVersionUID = 1L;

    DoubleAccumulator(AccumulatorState state) {
        super(state);
    }

    public void add(double value) {
        state().add(value);
    }

    /** The sum: on the driver, of every successful task's additions. */
    public Double value() {
        return state().doubleSum();
    }

    public double sum() {
        return state().doubleSum();
    }

    /** The mean of the values added, NaN when none was. */
    public double avg() {
        long n = count();
        return n == 0 ? Double.NaN : sum() / n;
    }
}
