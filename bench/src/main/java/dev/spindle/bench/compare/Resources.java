package dev.spindle.bench.compare;

/**
 * What every system gets: the same executors (MapReduce: concurrent task containers), cores and
 * memory, and the same number of reduce partitions.
 *
 * @param executors   executors, or concurrent tasks where a system has no executors
 * @param cores       cores per executor
 * @param memoryMb    heap-sized memory per executor, and for the driver / AM
 * @param reducers    partitions of the shuffle (reduce tasks)
 */
public record Resources(int executors, int cores, int memoryMb, int reducers) {
    public Resources {
        if (executors < 1 || cores < 1 || memoryMb < 128 || reducers < 1) {
            throw new IllegalArgumentException("resources must be positive (memory at least 128 MiB): " + this);
        }
    }

    public String memory() {
        return memoryMb + "m";
    }

    @Override
    public String toString() {
        return executors + " executors x " + cores + " core x " + memoryMb + " MiB, " + reducers + " reducers";
    }
}
