package dev.spindle.task;

import dev.spindle.protocol.TaskMetrics;

/** Counts what a running task reads and writes. Confined to the task's thread. */
public final class MetricsCounter {
    private long inputBytes;
    private long inputRecords;
    private long shuffleBytesWritten;
    private long shuffleBytesRead;
    private long shuffleBytesFetched;
    private long outputRecords;
    private long bytesSpilled;

    /** Bytes written to local disk because they did not fit the task's memory. */
    public void spilled(long bytes) {
        bytesSpilled += bytes;
    }

    public void input(long bytes, long records) {
        inputBytes += bytes;
        inputRecords += records;
    }

    public void shuffleWritten(long bytes) {
        shuffleBytesWritten += bytes;
    }

    /** Map output bytes read, {@code fetched} when from another host's block server rather than local disk. */
    public void shuffleRead(long bytes, boolean fetched) {
        shuffleBytesRead += bytes;
        if (fetched) {
            shuffleBytesFetched += bytes;
        }
    }

    public void output(long records) {
        outputRecords += records;
    }

    public TaskMetrics snapshot() {
        return new TaskMetrics(inputBytes, inputRecords, shuffleBytesWritten, shuffleBytesRead, shuffleBytesFetched,
                outputRecords, bytesSpilled);
    }
}
