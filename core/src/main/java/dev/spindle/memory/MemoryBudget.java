package dev.spindle.memory;

/**
 * An executor's memory for what its tasks and its cache hold, in estimated bytes: a fraction of the
 * heap ({@code spindle.memory.fraction}) after a fixed reserve, as Spark's unified memory. Callers
 * acquire before they hold and release when they let go; a refusal means spill, evict or do without.
 *
 * <p>Thread-safe.
 */
public final class MemoryBudget {
    /** Heap kept out of the budget for Spindle's own objects and the JVM's, as Spark's reserved memory. */
    public static final long RESERVED_BYTES = 300L << 20;

    private final long max;
    private long used;

    public MemoryBudget(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("a memory budget of " + maxBytes + " bytes");
        }
        this.max = maxBytes;
    }

    /** {@code fraction} of the heap above the reserve (at least a tenth of the heap when the heap is small). */
    public static MemoryBudget ofHeap(double fraction) {
        long heap = Runtime.getRuntime().maxMemory();
        long usable = Math.max(heap - RESERVED_BYTES, heap / 10);
        return new MemoryBudget((long) (usable * fraction));
    }

    /** Takes {@code bytes} if that many are free; returns whether it did. */
    public synchronized boolean tryAcquire(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("acquiring " + bytes + " bytes");
        }
        if (used + bytes > max) {
            return false;
        }
        used += bytes;
        return true;
    }

    public synchronized void release(long bytes) {
        used = Math.max(0, used - bytes);
    }

    public synchronized long used() {
        return used;
    }

    public long max() {
        return max;
    }
}
