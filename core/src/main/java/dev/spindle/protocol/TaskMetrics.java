package dev.spindle.protocol;

/**
 * What one task attempt read and wrote; summed by the driver into the job summary.
 * {@code shuffleBytesRead} counts every map output byte a reduce task read, {@code shuffleBytesFetched}
 * those of them that came over the network from another host (the rest were read from local disk);
 * {@code bytesSpilled} what the task wrote to local disk because its data did not fit its memory.
 */
public record TaskMetrics(long inputBytes, long inputRecords, long shuffleBytesWritten, long shuffleBytesRead,
                          long shuffleBytesFetched, long outputRecords, long bytesSpilled) {
    public static final TaskMetrics NONE = new TaskMetrics(0, 0, 0, 0, 0, 0, 0);

    /** A task that spilled nothing. */
    public TaskMetrics(long inputBytes, long inputRecords, long shuffleBytesWritten, long shuffleBytesRead,
                       long shuffleBytesFetched, long outputRecords) {
        this(inputBytes, inputRecords, shuffleBytesWritten, shuffleBytesRead, shuffleBytesFetched, outputRecords, 0);
    }

    public TaskMetrics {
        if (inputBytes < 0 || inputRecords < 0 || shuffleBytesWritten < 0 || shuffleBytesRead < 0
                || shuffleBytesFetched < 0 || outputRecords < 0 || bytesSpilled < 0) {
            throw new IllegalArgumentException("metrics must not be negative");
        }
        if (shuffleBytesFetched > shuffleBytesRead) {
            throw new IllegalArgumentException("fetched shuffle bytes are part of those read: " + shuffleBytesFetched
                    + " > " + shuffleBytesRead);
        }
    }

    /** Shuffle bytes read from this host's disk rather than fetched. */
    public long shuffleBytesReadLocally() {
        return shuffleBytesRead - shuffleBytesFetched;
    }

    public TaskMetrics plus(TaskMetrics o) {
        return new TaskMetrics(inputBytes + o.inputBytes, inputRecords + o.inputRecords,
                shuffleBytesWritten + o.shuffleBytesWritten, shuffleBytesRead + o.shuffleBytesRead,
                shuffleBytesFetched + o.shuffleBytesFetched, outputRecords + o.outputRecords,
                bytesSpilled + o.bytesSpilled);
    }
}
