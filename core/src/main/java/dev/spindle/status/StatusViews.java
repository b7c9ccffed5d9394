package dev.spindle.status;

import java.util.List;
import java.util.Map;

/** Immutable snapshots of the {@link StatusStore}, for the UI, the JSON API and the console. */
public final class StatusViews {
    private StatusViews() {
    }

    /** @param finalStatus SUCCEEDED, FAILED or KILLED once the driver said so, else empty */
    public record App(String appId, String name, String user, long startedAt, long endedAt, String finalStatus,
                      String diagnostics, Map<String, String> settings) {
    }

    /**
     * One stage.
     *
     * @param state          RUNNING, COMPLETE or FAILED
     * @param medianMillis   median duration of its successful task attempts (0 before the first)
     * @param locality       successful attempts by locality level
     */
    public record Stage(int jobId, int stageId, String name, String state, int tasks, int done, int running,
                        int failedAttempts, boolean recompute, long submittedAt, long endedAt, long medianMillis,
                        long maxMillis, long inputBytes, long shuffleReadBytes, long shuffleWriteBytes,
                        long spilledBytes, Map<String, Integer> locality, String failure, String lastTaskError) {
        public boolean active() {
            return state.equals("RUNNING");
        }
    }

    /** A job as its stages tell it: FAILED if one failed, RUNNING while one runs, else SUCCEEDED. */
    public record Job(int jobId, String state, List<Integer> stageIds, int tasks, int done, long submittedAt,
                      long endedAt) {
    }

    /** @param state ACTIVE or REMOVED */
    /** @param gcMillis time its JVM spent in garbage collection, as of its last heartbeat (0 before the first) */
    public record Executor(String executorId, String host, String containerId, int cores, String state,
                           int running, int succeeded, int failed, long addedAt, String removedReason, long gcMillis,
                           long heapUsedBytes, long heapMaxBytes) {
    }
}
