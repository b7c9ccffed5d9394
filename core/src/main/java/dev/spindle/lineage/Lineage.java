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

    /** Computes one partition. Called by Spindle's task runner on an executor. */
    public abstract Iterator<T> compute(Partition partition, TaskContext task) throws Exception;

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
