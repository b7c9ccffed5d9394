package dev.spindle.driver;

import dev.spindle.protocol.TaskMetrics;

import java.util.HashMap;
import java.util.Map;

/**
 * What the driver has done so far: stages and tasks, the I/O of successful tasks, where tasks with
 * preferred hosts ran, and when the first executor and task came. The source of the application's
 * progress and of its {@link ApplicationSummary}.
 *
 * <p>Not thread-safe: owned by the driver's event thread.
 */
final class AppStats {
    private final Map<String, Integer> tasksByExecutor = new HashMap<>();
    private final long[] byLocality = new long[TaskScheduler.Locality.values().length];
    private int stages;
    private int tasksSubmitted;
    private int tasksDone;
    private int failedAttempts;
    private int recomputedTasks;
    private int fetchFailures;
    private TaskMetrics io = TaskMetrics.NONE;
    private long localBytes;
    private long remoteBytes;
    private long firstExecutorAt;
    private long firstTaskAt;

    int stagesSubmitted() {
        return stages;
    }

    /** A stage's tasks are queued; {@code recompute} when they rerun map tasks whose output was lost. */
    void stageSubmitted(int tasks, boolean recompute) {
        stages++;
        tasksSubmitted += tasks;
        if (recompute) {
            recomputedTasks += tasks;
        }
    }

    void executorRegistered(long nowMillis) {
        if (firstExecutorAt == 0) {
            firstExecutorAt = nowMillis;
        }
    }

    void taskLaunched(long nowMillis) {
        if (firstTaskAt == 0) {
            firstTaskAt = nowMillis;
        }
    }

    /** An attempt succeeded (whether or not its result is still needed) on {@code executor} ("id@host"). */
    void taskSucceeded(String executor, TaskScheduler.Locality locality, TaskMetrics metrics) {
        tasksByExecutor.merge(executor, 1, Integer::sum);
        io = io.plus(metrics);
        if (locality != TaskScheduler.Locality.NO_PREFERENCE) {
            byLocality[locality.ordinal()]++;
            if (locality == TaskScheduler.Locality.NODE_LOCAL || locality == TaskScheduler.Locality.PROCESS_LOCAL) {
                localBytes += metrics.inputBytes();
            } else {
                remoteBytes += metrics.inputBytes();
            }
        }
    }

    /** A partition's result was taken: one task of the application's work is done. */
    void resultAccepted() {
        tasksDone++;
    }

    /** A task could not read a map output; its stage stops to have the output recomputed. */
    void fetchFailed() {
        fetchFailures++;
    }

    int fetchFailures() {
        return fetchFailures;
    }

    void attemptFailed() {
        failedAttempts++;
    }

    /** Share of the tasks submitted so far that are done. */
    float progress() {
        return tasksSubmitted == 0 ? 0f : Math.min(1f, (float) tasksDone / tasksSubmitted);
    }

    ApplicationSummary.Locality locality() {
        return new ApplicationSummary.Locality(byLocality[TaskScheduler.Locality.PROCESS_LOCAL.ordinal()],
                byLocality[TaskScheduler.Locality.NODE_LOCAL.ordinal()],
                byLocality[TaskScheduler.Locality.RACK_LOCAL.ordinal()],
                byLocality[TaskScheduler.Locality.ANY.ordinal()], localBytes, remoteBytes);
    }

    ApplicationSummary summary(int jobs) {
        return new ApplicationSummary(jobs, stages, tasksDone, failedAttempts, recomputedTasks, tasksByExecutor, firstExecutorAt,
                firstTaskAt, io, locality());
    }
}
