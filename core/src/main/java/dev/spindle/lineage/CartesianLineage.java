package dev.spindle.lineage;

import dev.spindle.Pair;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;
import dev.spindle.util.Iterators;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Every pair of an element of one dataset and one of another: a partition for each pair of partitions.
 * The second side's partition is computed once per task and held, the first side streams past it.
 */
final class CartesianLineage<A, B> extends Lineage<Pair<A, B>> {
    private static final long serialVersionUID = 1L;

    private record CartesianPartition(int index, Partition left, Partition right) implements Partition {
        @Override
        public List<String> preferredHosts() {
            return left.preferredHosts();
        }
    }

    private final Lineage<A> left;
    private final Lineage<B> right;

    CartesianLineage(Lineage<A> left, Lineage<B> right) {
        this.left = left;
        this.right = right;
    }

    @Override
    public List<? extends Partition> partitions() {
        List<? extends Partition> ls = left.partitions();
        List<? extends Partition> rs = right.partitions();
        List<Partition> out = new ArrayList<>(ls.size() * rs.size());
        for (Partition l : ls) {
            for (Partition r : rs) {
                out.add(new CartesianPartition(out.size(), l, r));
            }
        }
        return out;
    }

    @Override
    public Iterator<Pair<A, B>> compute(Partition partition, TaskContext task) throws Exception {
        CartesianPartition c = (CartesianPartition) partition;
        List<B> rights = new ArrayList<>();
        right.iterator(c.right(), task).forEachRemaining(rights::add);
        return Iterators.flatMap(left.iterator(c.left(), task), a -> Iterators.map(rights.iterator(), b -> new Pair<>(a, b)));
    }

    @Override
    public List<Lineage<?>> narrowParents() {
        return List.of(left, right);
    }
}
