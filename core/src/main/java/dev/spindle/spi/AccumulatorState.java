package dev.spindle.spi;

/**
 * The running total behind one accumulator: how many values were added and their sum, kept as a long
 * or a double by the accumulator that owns it. On the driver it holds the application's total; in a
 * task, what that task added, which the task runner reports with the task's result.
 *
 * <p>Thread-safe: the driver merges tasks' updates on its event thread while user threads read.
 */
public final class AccumulatorState {
    private final long id;
    private final String name;
    private long count;
    private long longSum;
    private double doubleSum;

    public AccumulatorState(long id, String name) {
        if (id < 0) {
            throw new IllegalArgumentException("accumulator ids are not negative: " + id);
        }
        this.id = id;
        this.name = name == null ? "" : name;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public synchronized void add(long value) {
        count++;
        longSum += value;
    }

    public synchronized void add(double value) {
        count++;
        doubleSum += value;
    }

    /** Adds another state's values: a task's update, on the driver. */
    public synchronized void merge(long count, long longSum, double doubleSum) {
        this.count += count;
        this.longSum += longSum;
        this.doubleSum += doubleSum;
    }

    public synchronized long count() {
        return count;
    }

    public synchronized long longSum() {
        return longSum;
    }

    public synchronized double doubleSum() {
        return doubleSum;
    }

    public synchronized void reset() {
        count = 0;
        longSum = 0;
        doubleSum = 0;
    }
}
