package dev.spindle.lineage;

import dev.spindle.function.MapPartitionsWithIndexFunction;
import dev.spindle.shuffle.Partitioner;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;

import java.util.Iterator;
import java.util.List;

/**
 * A narrow transformation of each parent partition into one child partition. When it keeps keys where
 * they are ({@code preservesPartitioning}, as mapValues does), the parent's partitioner stays known.
 */
final class MapPartitionsLineage<P, R> extends Lineage<R> {
    private static final long serialVersionUID = 1L;
    private final Lineage<P> parent;
    private final MapPartitionsWithIndexFunction<P, R> f;
    private final boolean preservesPartitioning;

    MapPartitionsLineage(Lineage<P> parent, MapPartitionsWithIndexFunction<P, R> f, boolean preservesPartitioning) {
        this.parent = parent;
        this.f = f;
        this.preservesPartitioning = preservesPartitioning;
    }

    @Override
    public List<? extends Partition> partitions() {
        return parent.partitions();
    }

    @Override
    public Iterator<R> compute(Partition partition, TaskContext task) throws Exception {
        return f.call(partition.index(), parent.iterator(partition, task));
    }

    @Override
    public List<Lineage<?>> narrowParents() {
        return List.of(parent);
    }

    @Override
    public Partitioner partitioner() {
        return preservesPartitioning ? parent.partitioner() : null;
    }
}
