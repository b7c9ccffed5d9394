package dev.spindle.driver;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutorLossesTest {
    private static TaskAttempts.Attempt attempt(long id) {
        StageRun stage = new StageRun(0, 1, "result", new byte[0], new byte[][]{new byte[0]}, List.of(List.of()));
        return new TaskAttempts.Attempt(id, stage, 0, 0, "e1", TaskScheduler.Locality.ANY);
    }

    private static ExecutorLosses.Loss loss(String executor, long at, TaskAttempts.Attempt... running) {
        return new ExecutorLosses.Loss(executor, "h1", executor + "@h1", List.of(running), at);
    }

    @Test
    void aLossIsChargedWhenTheAmSaysItsContainerFailedAndNotWhenTheClusterTookIt() {
        ExecutorLosses losses = new ExecutorLosses(15_000);
        losses.lost(loss("e1", 0, attempt(1), attempt(2)));
        losses.lost(loss("e2", 0, attempt(3)));
        assertEquals(2, losses.awaiting());

        ExecutorLosses.Charge c = losses.exited("e1", true, "exit status 137");
        assertEquals(2, c.loss().attempts().size());
        assertEquals("exit status 137", c.why());
        assertNull(losses.exited("e2", false, "preempted"), "preempted: not charged");
        assertEquals(0, losses.awaiting());
        assertTrue(losses.expired(1_000_000).isEmpty(), "nothing is charged twice");
        assertNull(losses.exited("e1", true, "again"), "a second word about one loss charges nothing");
    }

    @Test
    void aLossWithoutAReasonIsChargedOnceTheWaitIsOver() {
        ExecutorLosses losses = new ExecutorLosses(15_000);
        losses.lost(loss("e1", 1_000, attempt(1)));
        losses.lost(loss("e2", 5_000, attempt(2)));
        losses.lost(loss("idle", 0));
        assertEquals(2, losses.awaiting(), "an executor lost with nothing running has nothing to charge");
        assertEquals(16_000, losses.nextExpiry());
        assertTrue(losses.expired(15_999).isEmpty());
        List<ExecutorLosses.Charge> due = losses.expired(16_000);
        assertEquals(1, due.size());
        assertEquals("e1", due.get(0).loss().executorId());
        assertTrue(due.get(0).why().contains("gave no reason within 15000 ms"), due.get(0).why());
        assertEquals(20_000, losses.nextExpiry());
        assertNull(losses.exited("e1", true, "late"), "a reason after the charge charges nothing more");
    }
}
