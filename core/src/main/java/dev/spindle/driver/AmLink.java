package dev.spindle.driver;

import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Messages.ExecutorDemand;
import dev.spindle.protocol.Messages.FinishApplication;
import dev.spindle.protocol.Messages.Progress;

import java.util.Map;

/**
 * The driver's side of its link to the ApplicationMaster: what the AM was last told (progress, where
 * the pending work is, the final status), so an AM that connects late, or again, hears all of it, and
 * an unchanged value is not sent twice.
 *
 * <p>Not thread-safe: owned by the driver's event thread.
 */
final class AmLink {
    private Connection am;
    private float lastProgress = -1f;
    private Map<String, Integer> lastDemand;
    private FinishApplication finish;

    /**
     * The AM connected. It hears the progress and final status so far, and the demand when
     * {@code workSubmitted}: before the first stage it asks for executors on its own after a wait.
     */
    void connected(Connection connection, boolean workSubmitted, Map<String, Integer> demand) {
        am = connection;
        if (lastProgress >= 0) {
            am.send(new Progress(lastProgress));
        }
        if (finish != null) {
            am.send(finish);
        }
        if (workSubmitted) {
            lastDemand = null;
            demand(demand);
        }
    }

    boolean isAm(Connection connection) {
        return connection.equals(am);
    }

    void disconnected() {
        am = null;
    }

    void progress(float progress) {
        if (progress != lastProgress) {
            lastProgress = progress;
            if (am != null) {
                am.send(new Progress(progress));
            }
        }
    }

    /** Tells the AM how many pending tasks prefer each host, when that changed. */
    void demand(Map<String, Integer> pendingByHost) {
        if (am != null && !pendingByHost.equals(lastDemand)) {
            lastDemand = pendingByHost;
            am.send(new ExecutorDemand(pendingByHost));
        }
    }

    /** A stage finished: the AM logs it, when one is connected (an AM that connects later has no use for it). */
    void stageFinished(int jobId, int stageId, String what, long millis) {
        if (am != null) {
            am.send(new dev.spindle.protocol.Messages.StageFinished(jobId, stageId, what, millis));
        }
    }

    /** The AM is to unregister with this status, now or as soon as it connects. */
    void finish(FinishApplication message) {
        finish = message;
        if (am != null) {
            // Waits for the bytes to leave, so a close() right after cannot overtake the message.
            am.sendAndWait(message, 2000);
        }
    }
}
