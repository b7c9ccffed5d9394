package dev.spindle.driver;

import dev.spindle.JobFailedException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskAttemptsTest {
    private static StageRun stage(int partitions) {
        byte[][] parts = new byte[partitions][];
        List<List<String>> hosts = new java.util.ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            parts[i] = new byte[0];
            hosts.add(List.of());
        }
        return new StageRun(0, 5, "result", new byte[0], parts, hosts);
    }

    @Test
    void aPartitionIsRetriedUntilItFailedMaxFailuresTimesThenTheJobFails() {
        TaskAttempts attempts = new TaskAttempts(3);
        StageRun s = stage(2);
        for (int i = 1; i <= 2; i++) {
            TaskAttempts.Attempt a = attempts.launch(s, 1, "e1", TaskScheduler.Locality.ANY);
            assertEquals(i - 1, a.attempt());
            TaskAttempts.Retry r = assertInstanceOf(TaskAttempts.Retry.class, attempts.failed(a.taskId(), "h", "e1@h", "boom"));
            assertEquals(i, r.failures());
        }
        TaskAttempts.Attempt last = attempts.launch(s, 1, "e2", TaskScheduler.Locality.ANY);
        TaskAttempts.FailJob f = assertInstanceOf(TaskAttempts.FailJob.class, attempts.failed(last.taskId(), "h", "e2@h", "boom"));
        assertEquals("Job 0 failed: task for partition 1 of stage 5 failed 3 times, most recently on executor e2@h: boom",
                f.reason());
        assertEquals(0, attempts.runningCount());
    }

    @Test
    void failuresOfOnePartitionDoNotCountForAnother() {
        TaskAttempts attempts = new TaskAttempts(2);
        StageRun s = stage(2);
        assertInstanceOf(TaskAttempts.Retry.class,
                attempts.failed(attempts.launch(s, 0, "e1", TaskScheduler.Locality.ANY).taskId(), "h", "e1", "x"));
        assertInstanceOf(TaskAttempts.Retry.class,
                attempts.failed(attempts.launch(s, 1, "e1", TaskScheduler.Locality.ANY).taskId(), "h", "e1", "x"));
    }

    @Test
    void aLateFailureOfAFinishedStageOnlyFreesItsSlot() {
        TaskAttempts attempts = new TaskAttempts(1);
        StageRun s = stage(1);
        TaskAttempts.Attempt a = attempts.launch(s, 0, "e1", TaskScheduler.Locality.ANY);
        TaskAttempts.Attempt b = attempts.launch(s, 0, "e2", TaskScheduler.Locality.ANY);
        assertEquals(a, attempts.finished(a.taskId()));
        assertTrue(s.accept(0, new byte[]{1}));
        assertTrue(s.isComplete());
        TaskAttempts.Outcome o = attempts.failed(b.taskId(), "h", "e2", "late");
        assertInstanceOf(TaskAttempts.StageOver.class, o);
        assertEquals(b, o.attempt());
        assertNull(attempts.failed(12345, "h", "stranger", "x").attempt());
    }

    @Test
    void attemptsOnALostExecutorRunAgainUnlessTheirStageIsOver() {
        TaskAttempts attempts = new TaskAttempts(4);
        StageRun running = stage(2);
        StageRun over = stage(1);
        attempts.launch(running, 0, "lost", TaskScheduler.Locality.ANY);
        attempts.launch(running, 1, "alive", TaskScheduler.Locality.ANY);
        attempts.launch(over, 0, "lost", TaskScheduler.Locality.ANY);
        over.future.completeExceptionally(new JobFailedException("gone", null));
        List<TaskAttempts.Attempt> rerun = attempts.lostWith("lost");
        assertEquals(1, rerun.size());
        assertEquals(0, rerun.get(0).partition());
        assertEquals(1, attempts.runningCount());
        assertEquals(java.util.Set.of(running), attempts.activeStages());
    }

    @Test
    void aDuplicateResultIsNotTakenTwice() {
        StageRun s = stage(2);
        assertTrue(s.accept(0, new byte[]{1}));
        assertTrue(!s.accept(0, new byte[]{2}));
        assertTrue(!s.isComplete());
        assertTrue(s.accept(1, new byte[]{3}));
        assertTrue(s.isComplete());
    }

    @Test
    void anAttemptLostWithItsExecutorCountsWhenChargedAndFailsTheJobAtTheLimit() {
        TaskAttempts attempts = new TaskAttempts(2);
        StageRun s = stage(1);
        attempts.launch(s, 0, "e1", TaskScheduler.Locality.ANY);
        TaskAttempts.Attempt lost = attempts.lostWith("e1").get(0);
        assertInstanceOf(TaskAttempts.Retry.class, attempts.charge(lost, "h1", "e1", "its executor was lost"));
        attempts.launch(s, 0, "e2", TaskScheduler.Locality.ANY);
        TaskAttempts.Attempt lostAgain = attempts.lostWith("e2").get(0);
        TaskAttempts.FailJob f = assertInstanceOf(TaskAttempts.FailJob.class,
                attempts.charge(lostAgain, "h2", "e2 on h2", "its executor was lost: exit status 137"));
        assertEquals("Job 0 failed: task for partition 0 of stage 5 failed 2 times, most recently on executor e2 on h2:"
                + " its executor was lost: exit status 137", f.reason());
    }

    @Test
    void aRetryAvoidsTheExecutorItFailedOnAndAfterTwoFailuresTheHost() {
        TaskAttempts attempts = new TaskAttempts(4);
        StageRun s = stage(2);
        assertEquals(false, s.avoids(0, "e1", "h1"));
        attempts.failed(attempts.launch(s, 0, "e1", TaskScheduler.Locality.ANY).taskId(), "h1", "e1", "x");
        assertTrue(s.avoids(0, "e1", "h1"));
        assertEquals(false, s.avoids(0, "e2", "h1"), "one failure on h1: only its executor is avoided");
        assertEquals(false, s.avoids(1, "e1", "h1"), "another partition is not affected");
        attempts.failed(attempts.launch(s, 0, "e2", TaskScheduler.Locality.ANY).taskId(), "h1", "e2", "x");
        assertTrue(s.avoids(0, "e3", "h1"), "two failures on h1: the whole host is avoided");
        assertEquals(false, s.avoids(0, "e4", "h2"));
    }
}
