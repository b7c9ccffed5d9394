package dev.spindle.internal;

/** What a running task knows about itself. */
public record TaskContext(long taskId, int attempt, int jobId, int stageId, int partition, String executorId) {
}
