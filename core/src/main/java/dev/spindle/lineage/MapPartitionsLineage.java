package dev.spindle.lineage;

import dev.spindle.function.MapPartitionsFunction;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;

import java.util.Iterator;
import java.util.List;

/** A narrow transformation of each parent partition into one child partition. */
final class MapPartitionsLineage<P, R> extends Lineage<R> {
    private static final long serialVersionUID = 1L;
    private final Lineage<P> parent;
    private final MapPartitionsFunction<P, R> f;

    MapPartitionsLineage(Lineage<P> parent, MapPartitionsFunction<P, R> f) {
        this.parent = parent;
        this.f = f;
    }

    @Override
    public List<? extends Partition> partitions() {
        return parent.partitions();
    }

    @Override
    public Iterator<R> compute(Partition partition, TaskContext task) throws Exception {
        return f.call(parent.compute(partition, task));
    }

    @Override
    public List<Lineage<?>> narrowParents() {
        return List.of(parent);
    }
}
