package dev.spindle.status;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StatusStoreTest {
    private final StatusStore store = new StatusStore();

    private void started(long task, int stage, String executor, String locality, long at) {
        store.on(new StatusEvent.TaskStarted(task, stage, (int) task, 0, executor, "h-" + executor, locality, at));
    }

    private void succeeded(long task, int stage, long at) {
        store.on(new StatusEvent.TaskEnded(task, stage, null, true, 100, 10, 20, 5, at));
    }

    @Test
    void stagesCountTasksDurationsBytesAndLocality() {
        store.on(new StatusEvent.ExecutorAdded("1", "h-1", "container_1", 2, 0));
        store.on(new StatusEvent.ExecutorAdded("2", "h-2", "container_2", 2, 0));
        store.on(new StatusEvent.StageSubmitted(0, 0, "shuffle 0 map", 4, false, 1000));
        started(1, 0, "1", "NODE_LOCAL", 1000);
        started(2, 0, "2", "ANY", 1000);
        started(3, 0, "1", "NODE_LOCAL", 1000);
        succeeded(1, 0, 1100);
        succeeded(2, 0, 1500);
        store.on(new StatusEvent.TaskEnded(3, 0, "java.lang.IllegalStateException: boom", false, 0, 0, 0, 0, 1200));
        started(4, 0, "2", "ANY", 1300);

        StatusViews.Stage s = store.stage(0);
        assertEquals("RUNNING", s.state());
        assertEquals(2, s.done());
        assertEquals(1, s.running());
        assertEquals(1, s.failedAttempts());
        assertEquals(100, s.medianMillis());
        assertEquals(500, s.maxMillis(), "the slow task shows: skew at a glance");
        assertEquals(200, s.inputBytes());
        assertEquals(40, s.shuffleWriteBytes());
        assertEquals(10, s.spilledBytes());
        assertEquals(Map.of("NODE_LOCAL", 1, "ANY", 1), s.locality());
        assertEquals("java.lang.IllegalStateException: boom", s.lastTaskError());
        assertEquals(List.of(s), store.runningStages());

        succeeded(4, 0, 1400);
        store.on(new StatusEvent.StageEnded(0, null, 1400));
        assertEquals("COMPLETE", store.stage(0).state());
        assertEquals(List.of(), store.runningStages());
        store.on(new StatusEvent.ExecutorMetrics("1", 250, 300L << 20, 1L << 30, 1500));
        StatusViews.Executor one = store.executors().get(0);
        assertEquals(250, one.gcMillis());
        assertEquals(300L << 20, one.heapUsedBytes());
        assertEquals(1L << 30, one.heapMaxBytes());
        assertEquals(1, one.succeeded());
        assertEquals(1, one.failed());
        assertEquals(0, one.running());
    }

    @Test
    void jobsAreWhatTheirStagesSay() {
        store.on(new StatusEvent.StageSubmitted(0, 0, "shuffle 0 map", 1, false, 10));
        store.on(new StatusEvent.StageEnded(0, null, 20));
        store.on(new StatusEvent.StageSubmitted(0, 1, "result", 1, false, 20));
        store.on(new StatusEvent.StageSubmitted(1, 2, "result", 2, false, 30));
        store.on(new StatusEvent.StageEnded(2, "Job 1 failed: boom", 40));
        List<StatusViews.Job> jobs = store.jobs();
        assertEquals("RUNNING", jobs.get(0).state());
        assertEquals(List.of(0, 1), jobs.get(0).stageIds());
        assertEquals(0, jobs.get(0).endedAt());
        assertEquals("FAILED", jobs.get(1).state());
        assertEquals(40, jobs.get(1).endedAt());
        assertNull(store.stage(7));
    }

    @Test
    void secretsAreMaskedInTheSettings() {
        store.on(new StatusEvent.ApplicationStarted("application_1_0001", "n", "u", Redaction.mask(Map.of(
                "spindle.kerberos.keytab", "/home/u/u.keytab", "spindle.hadoop.fs.s3a.secret.key", "k",
                "spindle.executor.memory", "1g")), 5));
        Map<String, String> settings = store.app().settings();
        assertEquals(Redaction.MASK, settings.get("spindle.kerberos.keytab"));
        assertEquals(Redaction.MASK, settings.get("spindle.hadoop.fs.s3a.secret.key"));
        assertEquals("1g", settings.get("spindle.executor.memory"));
    }
}
