package dev.spindle.driver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task attempts running on executors, and the decision of what a finished, failed or lost
 * attempt means for its stage: take the result, retry the partition, or fail the job after
 * {@code spindle.task.maxFailures} failures of one partition. Pure logic with no I/O, so the rules are
 * unit-tested on their own.
 *
 * <p>Not thread-safe: owned by the driver's event thread.
 */
final class TaskAttempts {
    /** One attempt of one partition of a stage, launched on an executor. */
    record Attempt(long taskId, StageRun stage, int partition, int attempt, String executorId,
                   TaskScheduler.Locality locality) {
    }

    /** What a failed attempt leads to; {@link #attempt} is null only for an attempt that was not running. */
    sealed interface Outcome permits Retry, FailJob, StageOver, Unknown {
        Attempt attempt();
    }

    /** Run the partition again (first among the pending tasks). */
    record Retry(Attempt attempt, int failures) implements Outcome {
    }

    /** The partition failed too often: the job fails, with this sentence. */
    record FailJob(Attempt attempt, int failures, String reason) implements Outcome {
    }

    /** The attempt's stage is over already (failed, or its result came from another attempt). */
    record StageOver(Attempt attempt) implements Outcome {
    }

    /** The attempt was not running: already counted as lost with its executor, or a stranger's. */
    record Unknown() implements Outcome {
        @Override
        public Attempt attempt() {
            return null;
        }
    }

    private final int maxFailures;
    private final Map<Long, Attempt> running = new HashMap<>();
    private long nextTaskId;

    TaskAttempts(int maxFailures) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, not " + maxFailures);
        }
        this.maxFailures = maxFailures;
    }

    Attempt launch(StageRun stage, int partition, String executorId, TaskScheduler.Locality locality) {
        Attempt a = new Attempt(nextTaskId++, stage, partition, stage.attempts[partition]++, executorId, locality);
        running.put(a.taskId(), a);
        return a;
    }

    /**
     * Whether task {@code taskId} is running on {@code executorId}; false for a task that is not running
     * (finished, lost) or runs elsewhere: no executor may answer for another's task.
     */
    boolean runsOn(long taskId, String executorId) {
        Attempt a = running.get(taskId);
        return a != null && a.executorId().equals(executorId);
    }

    /** The executor task {@code taskId} runs on, or null when it is not running. */
    String executorOf(long taskId) {
        Attempt a = running.get(taskId);
        return a == null ? null : a.executorId();
    }

    /** The attempt that finished, no longer running; null when it was not running (lost, or a stranger's). */
    Attempt finished(long taskId) {
        return running.remove(taskId);
    }

    /**
     * Records the failure of a running attempt on {@code host} and decides what follows; the partition
     * then avoids that executor, and after repeated failures that host ({@link StageRun#avoids}).
     */
    Outcome failed(long taskId, String host, String executorDescription, String why) {
        Attempt a = running.remove(taskId);
        if (a == null) {
            return new Unknown();
        }
        return charge(a, host, executorDescription, why);
    }

    /**
     * Counts a failure of an attempt that no longer runs (its executor was lost, and its container's end
     * was the application's fault, or its cause never came) and decides what follows. The partition was
     * queued to run again when the executor was lost, so a {@link Retry} needs nothing more.
     */
    Outcome charge(Attempt a, String host, String executorDescription, String why) {
        StageRun stage = a.stage();
        if (stage.future.isDone()) {
            return new StageOver(a);
        }
        int failures = ++stage.failures[a.partition()];
        stage.failedOn(a.partition(), a.executorId(), host);
        if (failures < maxFailures) {
            return new Retry(a, failures);
        }
        return new FailJob(a, failures, "Job " + stage.jobId + " failed: task for partition " + a.partition()
                + " of stage " + stage.id + " failed " + failures + (failures == 1 ? " time" : " times")
                + ", most recently on executor " + executorDescription + ": " + why);
    }

    /** Removes the attempts running on a lost executor; those whose stage still runs are returned to rerun. */
    List<Attempt> lostWith(String executorId) {
        List<Attempt> rerun = new ArrayList<>();
        for (Iterator<Attempt> it = running.values().iterator(); it.hasNext(); ) {
            Attempt a = it.next();
            if (a.executorId().equals(executorId)) {
                it.remove();
                if (!a.stage().future.isDone()) {
                    rerun.add(a);
                }
            }
        }
        return rerun;
    }

    /** Stages with an attempt running now that have not finished. */
    Set<StageRun> activeStages() {
        Set<StageRun> out = new LinkedHashSet<>();
        for (Attempt a : running.values()) {
            if (!a.stage().future.isDone()) {
                out.add(a.stage());
            }
        }
        return out;
    }

    int runningCount() {
        return running.size();
    }
}
