package dev.spindle.protocol;

import java.util.Arrays;
import java.util.Objects;

/** The messages of Spindle's wire protocol. Direction is given in each record's doc. */
public final class Messages {
    private Messages() {
    }

    private static String nonBlank(String what, String s) {
        Objects.requireNonNull(s, what);
        if (s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return s;
    }

    /** Executor → driver: the executor is up and can run {@code cores} tasks at once. */
    public record RegisterExecutor(String executorId, String host, int cores, String containerId, int blockPort)
            implements Message {
        public RegisterExecutor {
            nonBlank("executorId", executorId);
            nonBlank("host", host);
            Objects.requireNonNull(containerId, "containerId");
            if (cores < 1) {
                throw new IllegalArgumentException("cores must be at least 1, was " + cores);
            }
            if (blockPort < 0 || blockPort > 65_535) {
                throw new IllegalArgumentException("block server port out of range: " + blockPort);
            }
        }
    }

    /**
     * Driver → executor: run one attempt of a task. {@code taskBinary} is the stage's serialized
     * closure (shared by all its tasks), {@code partition} the serialized partition it reads.
     */
    public record LaunchTask(long taskId, int attempt, int jobId, int stageId, int partitionIndex,
                             byte[] taskBinary, byte[] partition) implements Message {
        public LaunchTask {
            Objects.requireNonNull(taskBinary, "taskBinary");
            Objects.requireNonNull(partition, "partition");
            if (attempt < 0 || partitionIndex < 0) {
                throw new IllegalArgumentException("attempt and partition index must not be negative");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LaunchTask t && t.taskId == taskId && t.attempt == attempt && t.jobId == jobId
                    && t.stageId == stageId && t.partitionIndex == partitionIndex
                    && Arrays.equals(t.taskBinary, taskBinary) && Arrays.equals(t.partition, partition);
        }

        @Override
        public int hashCode() {
            return Objects.hash(taskId, attempt, jobId, stageId, partitionIndex, Arrays.hashCode(taskBinary),
                    Arrays.hashCode(partition));
        }

        @Override
        public String toString() {
            return "LaunchTask[taskId=" + taskId + ", attempt=" + attempt + ", job=" + jobId + ", stage=" + stageId
                    + ", partition=" + partitionIndex + ", " + taskBinary.length + "+" + partition.length + " bytes]";
        }
    }

    /**
     * Executor → driver: a task attempt succeeded; {@code result} is its serialized value and
     * {@code accumulators} what it added to the application's accumulators (the driver counts them
     * only for the attempt whose result it takes).
     */
    public record TaskFinished(long taskId, String executorId, byte[] result, long runNanos, TaskMetrics metrics,
                               java.util.List<AccumulatorUpdate> accumulators)
            implements Message {
        public TaskFinished {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(metrics, "metrics");
            nonBlank("executorId", executorId);
            accumulators = java.util.List.copyOf(accumulators);
        }

        /** A task that touched no accumulator. */
        public TaskFinished(long taskId, String executorId, byte[] result, long runNanos, TaskMetrics metrics) {
            this(taskId, executorId, result, runNanos, metrics, java.util.List.of());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TaskFinished t && t.taskId == taskId && t.executorId.equals(executorId)
                    && Arrays.equals(t.result, result) && t.runNanos == runNanos && t.metrics.equals(metrics)
                    && t.accumulators.equals(accumulators);
        }

        @Override
        public int hashCode() {
            return Objects.hash(taskId, executorId, Arrays.hashCode(result), runNanos, metrics, accumulators);
        }

        @Override
        public String toString() {
            return "TaskFinished[taskId=" + taskId + ", executor=" + executorId + ", " + result.length + " bytes]";
        }
    }

    /** Executor → driver: a task needs the value of broadcast {@code broadcastId}, which this executor lacks. */
    public record FetchBroadcast(String executorId, long broadcastId) implements Message {
        public FetchBroadcast {
            nonBlank("executorId", executorId);
        }
    }

    /**
     * Driver → executor: the serialized value of a broadcast, or, when {@code error} is not empty, why
     * there is none (it was destroyed).
     */
    public record BroadcastValue(long broadcastId, byte[] value, String error) implements Message {
        public BroadcastValue {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BroadcastValue b && b.broadcastId == broadcastId && Arrays.equals(b.value, value)
                    && b.error.equals(error);
        }

        @Override
        public int hashCode() {
            return Objects.hash(broadcastId, Arrays.hashCode(value), error);
        }

        @Override
        public String toString() {
            return "BroadcastValue[" + broadcastId + ", " + value.length + " bytes" + (error.isEmpty() ? "" : ", " + error)
                    + "]";
        }
    }

    /** Driver → executor: forget what is kept of a broadcast or of a cached dataset, by its id. */
    public record Forget(Kind kind, long id) implements Message {
        /** What to forget. */
        public enum Kind { BROADCAST, CACHED_DATASET }

        public Forget {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * Executor → driver: how much of partition {@code partition} of cached dataset {@code datasetId} this
     * executor now keeps in memory and on disk; both 0 when it dropped the partition.
     */
    public record PartitionCached(String executorId, int datasetId, int partition, long memoryBytes, long diskBytes)
            implements Message {
        public PartitionCached {
            nonBlank("executorId", executorId);
            if (memoryBytes < 0 || diskBytes < 0 || partition < 0) {
                throw new IllegalArgumentException("negative cache figures: partition " + partition + ", "
                        + memoryBytes + " bytes in memory, " + diskBytes + " on disk");
            }
        }
    }

    /**
     * Executor → driver: a task it was sent did not start, because the executor is on its way out (a
     * task before it left the JVM unusable); the driver runs it elsewhere, uncounted.
     */
    public record TaskNotRun(long taskId, String executorId, String reason) implements Message {
        public TaskNotRun {
            nonBlank("executorId", executorId);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Executor → driver: a task attempt threw; the remote exception as text. */
    public record TaskFailed(long taskId, String executorId, String exceptionClass, String message,
                             String stackTrace) implements Message {
        public TaskFailed {
            nonBlank("executorId", executorId);
            nonBlank("exceptionClass", exceptionClass);
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(stackTrace, "stackTrace");
        }

        /** The exception as a user reads it: {@code class: message}. */
        public String describe() {
            return message.isEmpty() ? exceptionClass : exceptionClass + ": " + message;
        }
    }

    /**
     * Executor → driver: still alive, with the number of tasks it is running and how its JVM fares (time
     * spent in garbage collection since it started, heap used and its maximum); also from a client-mode
     * ApplicationMaster (its attempt id in place of an executor id, no tasks, no figures), to be answered.
     */
    public record Heartbeat(String executorId, int runningTasks, long gcMillis, long heapUsedBytes,
                            long heapMaxBytes) implements Message {
        public Heartbeat {
            nonBlank("executorId", executorId);
            if (gcMillis < 0 || heapUsedBytes < 0 || heapMaxBytes < 0) {
                throw new IllegalArgumentException("JVM figures are not negative: gc " + gcMillis + " ms, heap "
                        + heapUsedBytes + " of " + heapMaxBytes);
            }
        }

        public Heartbeat(String executorId, int runningTasks) {
            this(executorId, runningTasks, 0, 0, 0);
        }
    }

    /**
     * Driver → executor or AM: the answer to each {@link Heartbeat}, so they can tell a driver that is
     * gone but whose connection stays open (stopped, partitioned) from one that is only busy.
     */
    public record HeartbeatAck() implements Message {
    }

    /** Driver → executor or AM: stop now; the application is over. */
    public record Shutdown(String reason) implements Message {
        public Shutdown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** AM → driver: the ApplicationMaster of this application attempt is connected. */
    public record RegisterAm(String appAttemptId) implements Message {
        public RegisterAm {
            nonBlank("appAttemptId", appAttemptId);
        }
    }

    /** Driver → AM: share of the application's work done so far, for the RM's progress display. */
    /**
     * Driver → AM: a stage finished. The AM logs it, so its log shows the job's progress in both
     * modes (in client mode the driver's own console is on the submitting machine), and fault tests can
     * strike when a given stage is done.
     */
    public record StageFinished(int jobId, int stageId, String what, long millis) implements Message {
        public StageFinished {
            Objects.requireNonNull(what, "what");
            if (jobId < 0 || stageId < 0 || millis < 0) {
                throw new IllegalArgumentException("job, stage and time must not be negative: " + jobId + ", "
                        + stageId + ", " + millis);
            }
        }
    }

    /**
     * AM to driver, and driver to executors: fresh delegation tokens (Hadoop credentials in their
     * storage form) the AM obtained from its keytab, to replace ones about to expire.
     */
    public record UpdateTokens(byte[] credentials) implements Message {
        public UpdateTokens {
            Objects.requireNonNull(credentials, "credentials");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UpdateTokens u && Arrays.equals(u.credentials, credentials);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(credentials);
        }

        @Override
        public String toString() {
            // Tokens are secrets: never in a log.
            return "UpdateTokens[" + credentials.length + " bytes]";
        }
    }

    public record Progress(float progress) implements Message {
        public Progress {
            if (!(progress >= 0f && progress <= 1f)) {
                throw new IllegalArgumentException("progress must be within [0, 1], was " + progress);
            }
        }
    }

    /**
     * Driver → AM: the driver is done; unregister with this final status ({@code SUCCEEDED},
     * {@code FAILED} or {@code KILLED}) and diagnostic.
     */
    public record FinishApplication(String finalStatus, String diagnostics) implements Message {
        public FinishApplication {
            nonBlank("finalStatus", finalStatus);
            if (!finalStatus.equals("SUCCEEDED") && !finalStatus.equals("FAILED") && !finalStatus.equals("KILLED")) {
                throw new IllegalArgumentException("final status must be SUCCEEDED, FAILED or KILLED, was " + finalStatus);
            }
            Objects.requireNonNull(diagnostics, "diagnostics");
        }
    }

    /**
     * AM → driver: an executor's container ended, with YARN's exit status and diagnostic; {@code failed}
     * is false when its end was not the application's doing (it exited cleanly, was released, or YARN
     * took it away: preempted, node lost), so the tasks it ran are not charged with an attempt.
     */
    public record ExecutorExited(String executorId, int exitStatus, String diagnostics, boolean failed)
            implements Message {
        public ExecutorExited {
            nonBlank("executorId", executorId);
            Objects.requireNonNull(diagnostics, "diagnostics");
        }
    }

    /**
     * Reduce task → executor holding map output: send the bytes of {@code reducePartition} of map output
     * {@code block} of shuffle {@code shuffleId}.
     */
    public record FetchBlock(long requestId, int shuffleId, String block, int reducePartition) implements Message {
        public FetchBlock {
            nonBlank("block", block);
            if (!block.matches("map_[0-9]+_[0-9]+")) {
                throw new IllegalArgumentException("not a map output name: " + block);
            }
        }
    }

    /** Executor → reduce task: the next piece of a requested block; {@code last} ends it. */
    public record BlockChunk(long requestId, boolean last, byte[] data) implements Message {
        public BlockChunk {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BlockChunk c && c.requestId == requestId && c.last == last && Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requestId, last, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "BlockChunk[" + requestId + ", " + data.length + " bytes" + (last ? ", last]" : "]");
        }
    }

    /** Executor → reduce task: the requested block cannot be served. */
    public record BlockFailed(long requestId, String reason) implements Message {
        public BlockFailed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Executor → driver: a task could not read map output {@code mapPartition} of shuffle
     * {@code shuffleId}, written by executor {@code mapExecutorId} on {@code host}. Not a task failure:
     * the driver recomputes that output and runs the task's stage again.
     */
    public record FetchFailed(long taskId, String executorId, int shuffleId, int mapPartition, String mapExecutorId,
                              String host, String reason) implements Message {
        public FetchFailed {
            nonBlank("executorId", executorId);
            Objects.requireNonNull(mapExecutorId, "mapExecutorId");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(reason, "reason");
            if (shuffleId < 0 || mapPartition < 0) {
                throw new IllegalArgumentException("shuffle and map partition must not be negative");
            }
        }
    }

    /**
     * Driver → AM: how many pending tasks prefer each host, so the AM asks YARN for executors where the
     * work's input is. An empty map means the pending work has no preference.
     */
    public record ExecutorDemand(java.util.Map<String, Integer> pendingTasksByHost) implements Message {
        public ExecutorDemand {
            pendingTasksByHost = java.util.Map.copyOf(pendingTasksByHost);
            pendingTasksByHost.forEach((h, n) -> {
                nonBlank("host", h);
                if (n < 1) {
                    throw new IllegalArgumentException("pending tasks of " + h + " must be positive, not " + n);
                }
            });
        }
    }
}
