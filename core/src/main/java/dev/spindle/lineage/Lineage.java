package dev.spindle.lineage;

import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

/**
 * A dataset as the engine computes it, in the style of Spark's RDD: its partitions, how one is
 * computed on an executor, and what it is computed from. The driver plans stages over this graph and
 * serializes it into tasks; the public {@code Dataset} holds one through a {@link LineagePlan} and
 * never shows it.
 *
 * @param <T> the element type
 */
public abstract class Lineage<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The partitions, one task each. Called on the driver only. */
    public abstract List<? extends Partition> partitions();

    /** Computes one partition, ignoring any cache. */
    public abstract Iterator<T> compute(Partition partition, TaskContext task) throws Exception;

    /**
     * Where this dataset is persisted, or null: set on the driver by {@code persist}, it travels with
     * the lineage into tasks, so every task that needs a partition reads it from its executor's cache.
     */
    private volatile CacheMark cache;

    /** A persisted dataset's id (for the driver's and the executors' bookkeeping) and storage level. */
    public record CacheMark(int datasetId, boolean memory, boolean disk) implements Serializable {
        public CacheMark {
            if (!memory && !disk) {
                throw new IllegalArgumentException("a storage level keeps partitions in memory, on disk or both");
            }
        }
    }

    public final CacheMark cacheMark() {
        return cache;
    }

    /** Persists (a mark) or stops persisting (null) this dataset; on the driver, before jobs read it. */
    public final void cacheMark(CacheMark mark) {
        this.cache = mark;
    }

    /**
     * One partition's elements: from the executor's cache when this dataset is persisted (computed and
     * cached there on a miss), else computed. What tasks and child datasets call.
     */
    public final Iterator<T> iterator(Partition partition, TaskContext task) throws Exception {
        CacheMark mark = cache;
        dev.spindle.task.PartitionStore store = mark == null ? null : task.env().cache();
        if (store == null) {
            return compute(partition, task);
        }
        // A cached partition is always whole, even when the task only samples: later jobs read it.
        TaskContext whole = task.inputSample() == null ? task : task.withInputSample(null);
        return store.getOrCompute(mark.datasetId(), partition.index(), mark.memory(), mark.disk(),
                () -> compute(partition, whole), Thread.currentThread().getContextClassLoader());
    }

    /** What this one computes from partition by partition, with no shuffle between. */
    public List<Lineage<?>> narrowParents() {
        return List.of();
    }

    /** The shuffles this one reads records from (a join reads one per side that is not co-partitioned). */
    public List<ShuffleDependency<?, ?, ?>> shuffleDependencies() {
        return List.of();
    }

    /**
     * How this dataset's pairs are partitioned by key, or null when not known: a key-wise operation
     * with an equal partitioner needs no shuffle, its partition {@code i} reading this one's {@code i}.
     */
    public dev.spindle.shuffle.Partitioner partitioner() {
        return null;
    }
}
