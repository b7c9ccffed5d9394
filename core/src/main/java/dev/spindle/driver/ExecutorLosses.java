package dev.spindle.driver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executors lost with tasks running, waiting for the ApplicationMaster to say why their containers
 * ended. The tasks run again at once; whether their lost attempts count against
 * {@code spindle.task.maxFailures} waits for that word: a container YARN or the AM took away
 * (preempted, node lost, released) is not the task's doing, anything else is. A loss whose reason does
 * not come within the wait (the AM never heard of it, or is gone itself) is charged to the tasks: an
 * executor that vanished is the likeliest sign of a task that kills its JVM.
 *
 * <p>Pure bookkeeping with an injected clock; not thread-safe: owned by the driver's event thread.
 */
final class ExecutorLosses {
    /** An executor that was lost with attempts running: where it ran, and since when. */
    record Loss(String executorId, String host, String label, List<TaskAttempts.Attempt> attempts, long at) {
        Loss {
            attempts = List.copyOf(attempts);
        }
    }

    /** The attempts of a loss to charge, with the sentence that says why they failed. */
    record Charge(Loss loss, String why) {
    }

    private final long waitMillis;
    private final Map<String, Loss> awaiting = new LinkedHashMap<>();

    ExecutorLosses(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    /** An executor was lost with these attempts running: they wait for its reason. */
    void lost(Loss loss) {
        if (!loss.attempts().isEmpty()) {
            awaiting.put(loss.executorId(), loss);
        }
    }

    /**
     * The AM said why an executor's container ended (the driver has counted the executor lost by now):
     * {@code failed} when it was the application's doing. Returns what to charge, or null when nothing
     * is (not its fault, or no attempts were lost with it, or their wait was over already).
     */
    Charge exited(String executorId, boolean failed, String why) {
        Loss loss = awaiting.remove(executorId);
        return loss != null && failed ? new Charge(loss, why) : null;
    }

    /** The losses whose reason did not come within the wait, to charge now. */
    List<Charge> expired(long now) {
        List<Charge> out = new ArrayList<>();
        for (Iterator<Loss> it = awaiting.values().iterator(); it.hasNext(); ) {
            Loss loss = it.next();
            if (now - loss.at() >= waitMillis) {
                it.remove();
                out.add(new Charge(loss, "its executor was lost and the ApplicationMaster gave no reason within "
                        + waitMillis + " ms"));
            }
        }
        return out;
    }

    /** When the oldest loss's wait ends, or -1 when none waits. */
    long nextExpiry() {
        long next = -1;
        for (Loss loss : awaiting.values()) {
            long at = loss.at() + waitMillis;
            next = next < 0 ? at : Math.min(next, at);
        }
        return next;
    }

    int awaiting() {
        return awaiting.size();
    }
}
