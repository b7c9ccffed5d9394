package dev.spindle.task;

import java.util.Iterator;

/**
 * Where a process keeps the partitions of persisted datasets: what a task reads a persisted dataset
 * through. Implemented by the executor's cache; thread-safe.
 */
public interface PartitionStore {
    /** Computes a partition when it is not kept. */
    @FunctionalInterface
    interface Compute<T> {
        Iterator<T> compute() throws Exception;
    }

    /**
     * The elements of partition {@code partition} of dataset {@code datasetId}: those kept, or computed
     * and kept in memory and/or on disk as allowed. Classes read back from disk resolve through {@code loader}.
     */
    <T> Iterator<T> getOrCompute(int datasetId, int partition, boolean memory, boolean disk, Compute<T> compute,
                                 ClassLoader loader) throws Exception;
}
