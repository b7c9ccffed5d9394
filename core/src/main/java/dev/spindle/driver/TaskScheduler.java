package dev.spindle.driver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which pending task runs on which executor slot. Pure bookkeeping with no I/O, so it is
 * unit-tested on its own. Tasks are taken in submission order (retries first); each goes to the
 * executor with the most free slots, ties broken by which was used least recently, so work spreads
 * over all executors.
 *
 * <p>Not thread-safe: owned by the driver's event thread.
 *
 * @param <T> what a task is to the caller
 */
public final class TaskScheduler<T> {
    /** A decision: run {@code task} on {@code executorId}. */
    public record Assignment<T>(T task, String executorId, String host) {
    }

    private static final class Slots {
        final String host;
        final int cores;
        int busy;
        long lastAssigned;

        Slots(String host, int cores) {
            this.host = host;
            this.cores = cores;
        }
    }

    private final Map<String, Slots> executors = new LinkedHashMap<>();
    private final Deque<T> pending = new ArrayDeque<>();
    private long assignments;

    public void addExecutor(String executorId, String host, int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("an executor needs at least one core, " + executorId + " has " + cores);
        }
        if (executors.putIfAbsent(executorId, new Slots(host, cores)) != null) {
            throw new IllegalStateException("executor " + executorId + " is already registered");
        }
    }

    public boolean removeExecutor(String executorId) {
        return executors.remove(executorId) != null;
    }

    public boolean hasExecutor(String executorId) {
        return executors.containsKey(executorId);
    }

    public int executorCount() {
        return executors.size();
    }

    public void enqueue(T task) {
        pending.addLast(task);
    }

    /** A task that must run again goes before the tasks never tried. */
    public void enqueueFirst(T task) {
        pending.addFirst(task);
    }

    /** Drops pending tasks the caller no longer wants (for example those of a failed job). */
    public void removePending(java.util.function.Predicate<T> unwanted) {
        pending.removeIf(unwanted);
    }

    public int pendingCount() {
        return pending.size();
    }

    /** A task on {@code executorId} ended: its slot is free again. */
    public void release(String executorId) {
        Slots s = executors.get(executorId);
        if (s != null && s.busy > 0) {
            s.busy--;
        }
    }

    public List<Assignment<T>> assign() {
        List<Assignment<T>> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            Map.Entry<String, Slots> best = null;
            for (Map.Entry<String, Slots> e : executors.entrySet()) {
                Slots s = e.getValue();
                int free = s.cores - s.busy;
                if (free <= 0) {
                    continue;
                }
                if (best == null) {
                    best = e;
                    continue;
                }
                Slots b = best.getValue();
                int bestFree = b.cores - b.busy;
                if (free > bestFree || (free == bestFree && s.lastAssigned < b.lastAssigned)) {
                    best = e;
                }
            }
            if (best == null) {
                break;
            }
            Slots s = best.getValue();
            s.busy++;
            s.lastAssigned = ++assignments;
            out.add(new Assignment<>(pending.pollFirst(), best.getKey(), s.host));
        }
        return out;
    }
}
