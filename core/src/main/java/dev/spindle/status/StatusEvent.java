package dev.spindle.status;

import java.util.Map;
import java.util.Objects;

/**
 * What happened in the driver, as the status store, the console progress and the web UI learn it:
 * each a small value with the time it happened, in the order the driver's event thread saw it.
 */
public sealed interface StatusEvent {
    long at();

    /** The application's identity and its effective settings (secrets already masked). */
    record ApplicationStarted(String appId, String name, String user, Map<String, String> settings, long at)
            implements StatusEvent {
        public ApplicationStarted {
            Objects.requireNonNull(appId, "appId");
            settings = Map.copyOf(settings);
        }
    }

    /** The driver reported the application's end: SUCCEEDED, FAILED or KILLED, and why. */
    record ApplicationEnded(String finalStatus, String diagnostics, long at) implements StatusEvent {
    }

    record StageSubmitted(int jobId, int stageId, String name, int tasks, boolean recompute, long at)
            implements StatusEvent {
        public StageSubmitted {
            if (tasks < 0) {
                throw new IllegalArgumentException("tasks must not be negative, not " + tasks);
            }
        }
    }

    record TaskStarted(long taskId, int stageId, int partition, int attempt, String executorId, String host,
                       String locality, long at) implements StatusEvent {
    }

    /**
     * @param error     null when it succeeded, else why it failed (one line)
     * @param counted   whether its result was taken (a late duplicate of a done partition is not)
     */
    record TaskEnded(long taskId, int stageId, String error, boolean counted, long inputBytes, long shuffleReadBytes,
                     long shuffleWriteBytes, long spilledBytes, long at) implements StatusEvent {
        public boolean succeeded() {
            return error == null;
        }
    }

    /** @param failure null when it completed, else why it failed */
    record StageEnded(int stageId, String failure, long at) implements StatusEvent {
    }

    record ExecutorAdded(String executorId, String host, String containerId, int cores, long at)
            implements StatusEvent {
    }

    /** An executor's JVM, as its heartbeat told it: time in garbage collection so far, heap used and maximum. */
    record ExecutorMetrics(String executorId, long gcMillis, long heapUsedBytes, long heapMaxBytes, long at)
            implements StatusEvent {
    }

    record ExecutorRemoved(String executorId, String reason, long at) implements StatusEvent {
    }
}
