package dev.spindle.task;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * What a task opened that must be closed when the task ends, however it ends: a consumer may stop
 * reading a shuffle's records early (a {@code take} after a shuffle, a failing user function), and the
 * stream it stopped in would otherwise hold its connection and network buffers for the executor's life.
 *
 * <p>Confined to the task's thread.
 */
public final class TaskResources {
    private static final Logger LOG = LoggerFactory.getLogger(TaskResources.class);

    private final List<AutoCloseable> open = new ArrayList<>();

    /** Closes {@code resource} when the task ends; closing it earlier as well must be harmless. */
    public void closeAtEnd(AutoCloseable resource) {
        open.add(resource);
    }

    /**
     * Closes everything registered, the last first. A failure is logged, not thrown: the task's own
     * outcome is decided already.
     */
    public void closeAll(long taskId) {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                LOG.warn("Task {}: closing {} at its end failed: {}", taskId, open.get(i), e.toString());
            }
        }
        open.clear();
    }
}
