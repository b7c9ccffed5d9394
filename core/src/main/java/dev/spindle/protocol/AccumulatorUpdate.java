package dev.spindle.protocol;

/**
 * What one task attempt added to one accumulator: how many values and their sum (as a long for a long
 * accumulator, as a double for a double one; the other sum is 0). Carried by {@link Messages.TaskFinished}.
 */
public record AccumulatorUpdate(long id, long count, long longSum, double doubleSum) {
    public AccumulatorUpdate {
        if (count < 0) {
            throw new IllegalArgumentException("an accumulator update counts " + count + " values");
        }
    }
}
