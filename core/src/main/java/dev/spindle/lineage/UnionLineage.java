package dev.spindle.lineage;

import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The partitions of several datasets one after the other, with no shuffle: each computed as its parent's. */
final class UnionLineage<T> extends Lineage<T> {
    private static final long serialVersionUID = 1L;

    /** Partition {@code index} of the union is partition {@code inner} of parent {@code parent}. */
    private record UnionPartition(int index, int parent, Partition inner) implements Partition {
        @Override
        public List<String> preferredHosts() {
            return inner.preferredHosts();
        }
    }

    private final List<Lineage<T>> parents;

    UnionLineage(List<Lineage<T>> parents) {
        if (parents.isEmpty()) {
            throw new IllegalArgumentException("a union needs at least one dataset");
        }
        this.parents = List.copyOf(parents);
    }

    @Override
    public List<? extends Partition> partitions() {
        List<Partition> out = new ArrayList<>();
        for (int p = 0; p < parents.size(); p++) {
            for (Partition inner : parents.get(p).partitions()) {
                out.add(new UnionPartition(out.size(), p, inner));
            }
        }
        return out;
    }

    @Override
    public Iterator<T> compute(Partition partition, TaskContext task) throws Exception {
        UnionPartition u = (UnionPartition) partition;
        return parents.get(u.parent()).iterator(u.inner(), task);
    }

    @Override
    public List<Lineage<?>> narrowParents() {
        return List.copyOf(parents);
    }
}
