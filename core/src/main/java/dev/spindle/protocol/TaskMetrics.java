package dev.spindle.protocol;

/** What one task attempt read and wrote; summed by the driver into the job summary. */
public record TaskMetrics(long inputBytes, long inputRecords, long shuffleBytesWritten, long shuffleBytesRead,
                          long outputRecords) {
    public static final TaskMetrics NONE = new TaskMetrics(0, 0, 0, 0, 0);

    public TaskMetrics {
        if (inputBytes < 0 || inputRecords < 0 || shuffleBytesWritten < 0 || shuffleBytesRead < 0 || outputRecords < 0) {
            throw new IllegalArgumentException("metrics must not be negative");
        }
    }

    public TaskMetrics plus(TaskMetrics o) {
        return new TaskMetrics(inputBytes + o.inputBytes, inputRecords + o.inputRecords,
                shuffleBytesWritten + o.shuffleBytesWritten, shuffleBytesRead + o.shuffleBytesRead,
                outputRecords + o.outputRecords);
    }
}
