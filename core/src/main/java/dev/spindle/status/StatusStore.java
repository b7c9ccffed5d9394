package dev.spindle.status;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The application's status as its events tell it: stages with their tasks' counts, durations, bytes
 * and locality, and executors with their tasks. The live UI, the JSON API and the console progress
 * read snapshots of it; a history server fills one from an event log the same way.
 *
 * <p>Thread-safe: events arrive on the driver's event thread, snapshots are taken on any thread; each
 * is one short critical section.
 */
public final class StatusStore implements StatusListener {
    private StatusViews.App app = new StatusViews.App("", "", "", 0, 0, "", "", Map.of());
    private final Map<Integer, StageState> stages = new LinkedHashMap<>();
    private final Map<String, ExecutorState> executors = new LinkedHashMap<>();
    private final Map<Long, StatusEvent.TaskStarted> running = new HashMap<>();

    @Override
    public synchronized void on(StatusEvent event) {
        if (event instanceof StatusEvent.ApplicationStarted a) {
            app = new StatusViews.App(a.appId(), a.name(), a.user(), a.at(), 0, "", "", new TreeMap<>(a.settings()));
        } else if (event instanceof StatusEvent.ApplicationEnded e) {
            app = new StatusViews.App(app.appId(), app.name(), app.user(), app.startedAt(), e.at(), e.finalStatus(),
                    e.diagnostics(), app.settings());
        } else if (event instanceof StatusEvent.StageSubmitted s) {
            stages.put(s.stageId(), new StageState(s));
        } else if (event instanceof StatusEvent.TaskStarted t) {
            running.put(t.taskId(), t);
            StageState s = stages.get(t.stageId());
            if (s != null) {
                s.running++;
            }
            ExecutorState e = executors.get(t.executorId());
            if (e != null) {
                e.running++;
            }
        } else if (event instanceof StatusEvent.TaskEnded t) {
            taskEnded(t);
        } else if (event instanceof StatusEvent.StageEnded e) {
            StageState s = stages.get(e.stageId());
            if (s != null && s.endedAt == 0) {
                s.endedAt = e.at();
                s.failure = e.failure();
            }
        } else if (event instanceof StatusEvent.ExecutorAdded a) {
            executors.put(a.executorId(), new ExecutorState(a));
        } else if (event instanceof StatusEvent.ExecutorMetrics m) {
            ExecutorState e = executors.get(m.executorId());
            if (e != null) {
                e.gcMillis = m.gcMillis();
                e.heapUsed = m.heapUsedBytes();
                e.heapMax = m.heapMaxBytes();
            }
        } else if (event instanceof StatusEvent.ExecutorRemoved r) {
            ExecutorState e = executors.get(r.executorId());
            if (e != null && e.removedReason == null) {
                e.removedReason = r.reason();
            }
        }
    }

    private void taskEnded(StatusEvent.TaskEnded t) {
        StatusEvent.TaskStarted started = running.remove(t.taskId());
        if (started == null) {
            return;
        }
        StageState s = stages.get(t.stageId());
        ExecutorState e = executors.get(started.executorId());
        if (e != null) {
            e.running--;
            if (t.succeeded()) {
                e.succeeded++;
            } else {
                e.failed++;
            }
        }
        if (s == null) {
            return;
        }
        s.running--;
        if (!t.succeeded()) {
            s.failedAttempts++;
            s.lastTaskError = t.error();
            return;
        }
        s.addDuration(Math.max(0, t.at() - started.at()));
        s.locality.merge(started.locality(), 1, Integer::sum);
        s.inputBytes += t.inputBytes();
        s.shuffleReadBytes += t.shuffleReadBytes();
        s.shuffleWriteBytes += t.shuffleWriteBytes();
        s.spilledBytes += t.spilledBytes();
        if (t.counted()) {
            s.done++;
        }
    }

    public synchronized StatusViews.App app() {
        return app;
    }

    /** Every stage, oldest first. */
    public synchronized List<StatusViews.Stage> stages() {
        List<StatusViews.Stage> out = new ArrayList<>(stages.size());
        for (StageState s : stages.values()) {
            out.add(s.view());
        }
        return out;
    }

    /** The stages still running, oldest first: what the console's progress line shows. */
    public synchronized List<StatusViews.Stage> runningStages() {
        List<StatusViews.Stage> out = new ArrayList<>();
        for (StageState s : stages.values()) {
            if (s.endedAt == 0) {
                out.add(s.view());
            }
        }
        return out;
    }

    public synchronized StatusViews.Stage stage(int stageId) {
        StageState s = stages.get(stageId);
        return s == null ? null : s.view();
    }

    /** Jobs, oldest first, as their stages tell them. */
    public synchronized List<StatusViews.Job> jobs() {
        Map<Integer, List<StageState>> byJob = new TreeMap<>();
        for (StageState s : stages.values()) {
            byJob.computeIfAbsent(s.jobId, j -> new ArrayList<>()).add(s);
        }
        List<StatusViews.Job> out = new ArrayList<>(byJob.size());
        for (Map.Entry<Integer, List<StageState>> j : byJob.entrySet()) {
            boolean failed = false;
            boolean active = false;
            int tasks = 0;
            int done = 0;
            long start = Long.MAX_VALUE;
            long end = 0;
            List<Integer> ids = new ArrayList<>();
            for (StageState s : j.getValue()) {
                failed |= s.failure != null;
                active |= s.endedAt == 0;
                tasks += s.tasks;
                done += s.done;
                start = Math.min(start, s.submittedAt);
                end = Math.max(end, s.endedAt);
                ids.add(s.stageId);
            }
            out.add(new StatusViews.Job(j.getKey(), failed ? "FAILED" : active ? "RUNNING" : "SUCCEEDED", ids, tasks,
                    done, start, active ? 0 : end));
        }
        return out;
    }

    public synchronized List<StatusViews.Executor> executors() {
        List<StatusViews.Executor> out = new ArrayList<>(executors.size());
        for (ExecutorState e : executors.values()) {
            out.add(new StatusViews.Executor(e.id, e.host, e.containerId, e.cores,
                    e.removedReason == null ? "ACTIVE" : "REMOVED", Math.max(0, e.running), e.succeeded, e.failed,
                    e.addedAt, e.removedReason, e.gcMillis, e.heapUsed, e.heapMax));
        }
        return out;
    }

    private static final class StageState {
        final int jobId;
        final int stageId;
        final String name;
        final int tasks;
        final boolean recompute;
        final long submittedAt;
        long endedAt;
        String failure;
        String lastTaskError;
        int done;
        int running;
        int failedAttempts;
        long[] durations = new long[16];
        int durationCount;
        /** Median and maximum as of {@code sortedCount} durations: views (every console tick) reuse them. */
        int sortedCount;
        long median;
        long max;
        long inputBytes;
        long shuffleReadBytes;
        long shuffleWriteBytes;
        long spilledBytes;
        final Map<String, Integer> locality = new TreeMap<>();

        StageState(StatusEvent.StageSubmitted s) {
            this.jobId = s.jobId();
            this.stageId = s.stageId();
            this.name = s.name();
            this.tasks = s.tasks();
            this.recompute = s.recompute();
            this.submittedAt = s.at();
        }

        void addDuration(long millis) {
            if (durationCount == durations.length) {
                durations = Arrays.copyOf(durations, durations.length * 2);
            }
            durations[durationCount++] = millis;
        }

        StatusViews.Stage view() {
            if (sortedCount != durationCount) {
                long[] sorted = Arrays.copyOf(durations, durationCount);
                Arrays.sort(sorted);
                median = sorted[(durationCount - 1) / 2];
                max = sorted[durationCount - 1];
                sortedCount = durationCount;
            }
            String state = endedAt == 0 ? "RUNNING" : failure == null ? "COMPLETE" : "FAILED";
            return new StatusViews.Stage(jobId, stageId, name, state, tasks, done, Math.max(0, running),
                    failedAttempts, recompute, submittedAt, endedAt, median, max, inputBytes, shuffleReadBytes,
                    shuffleWriteBytes, spilledBytes, Map.copyOf(locality), failure, lastTaskError);
        }
    }

    private static final class ExecutorState {
        final String id;
        final String host;
        final String containerId;
        final int cores;
        final long addedAt;
        int running;
        int succeeded;
        int failed;
        String removedReason;
        long gcMillis;
        long heapUsed;
        long heapMax;

        ExecutorState(StatusEvent.ExecutorAdded a) {
            this.id = a.executorId();
            this.host = a.host();
            this.containerId = a.containerId();
            this.cores = a.cores();
            this.addedAt = a.at();
        }
    }
}
