package dev.spindle.memory;

/**
 * One task's share of its executor's {@link MemoryBudget}: what the task's gathering structures hold,
 * acquired as they grow and all given back when the task ends, however it ends.
 *
 * <p>Confined to the task's thread.
 */
public final class TaskMemory {
    private final MemoryBudget budget;
    private long held;

    public TaskMemory(MemoryBudget budget) {
        this.budget = budget;
    }

    /** Takes {@code bytes} more if the executor has them free; returns whether it did. */
    public boolean tryAcquire(long bytes) {
        if (budget.tryAcquire(bytes)) {
            held += bytes;
            return true;
        }
        return false;
    }

    public void release(long bytes) {
        long b = Math.min(bytes, held);
        held -= b;
        budget.release(b);
    }

    /** Gives back everything; called when the task ends. */
    public void releaseAll() {
        release(held);
    }

    public long held() {
        return held;
    }

    /** The whole executor's budget: no single group of values can be held if it is larger. */
    public long executorBudget() {
        return budget.max();
    }
}
