package dev.spindle.internal;

/** What a running task knows about itself and the process it runs in. */
public record TaskContext(long taskId, int attempt, int jobId, int stageId, int partition, String executorId,
                          TaskEnv env) {
}
