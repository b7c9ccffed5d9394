package dev.spindle.task;

import dev.spindle.protocol.TaskMetrics;

/** Counts what a running task reads and writes. Confined to the task's thread. */
public final class MetricsCounter {
    private long inputBytes;
    private long inputRecords;
    private long shuffleBytesWritten;
    private long shuffleBytesRead;
    private long outputRecords;

    public void input(long bytes, long records) {
        inputBytes += bytes;
        inputRecords += records;
    }

    public void shuffleWritten(long bytes) {
        shuffleBytesWritten += bytes;
    }

    public void shuffleRead(long bytes) {
        shuffleBytesRead += bytes;
    }

    public void output(long records) {
        outputRecords += records;
    }

    public TaskMetrics snapshot() {
        return new TaskMetrics(inputBytes, inputRecords, shuffleBytesWritten, shuffleBytesRead, outputRecords);
    }
}
