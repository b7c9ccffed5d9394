package dev.spindle;

/**
 * Where {@link Dataset#persist} keeps a dataset's partitions once computed, as Spark's storage levels.
 * Partitions live in the executors that computed them; tasks that read them are sent there first, and
 * a partition lost with its executor is computed again from its lineage.
 */
public enum StorageLevel {
    /** The elements in the executor's memory; a partition that does not fit is not kept (computed again when read). */
    MEMORY_ONLY(true, false),
    /** In memory while it fits, else (or when evicted) on the executor's local disk. */
    MEMORY_AND_DISK(true, true),
    /** On the executor's local disk only, in Spindle's record format. */
    DISK_ONLY(false, true);

    private final boolean memory;
    private final boolean disk;

    StorageLevel(boolean memory, boolean disk) {
        this.memory = memory;
        this.disk = disk;
    }

    public boolean useMemory() {
        return memory;
    }

    public boolean useDisk() {
        return disk;
    }

    static StorageLevel of(boolean memory, boolean disk) {
        for (StorageLevel l : values()) {
            if (l.memory == memory && l.disk == disk) {
                return l;
            }
        }
        throw new IllegalArgumentException("no storage level keeps neither in memory nor on disk");
    }
}
