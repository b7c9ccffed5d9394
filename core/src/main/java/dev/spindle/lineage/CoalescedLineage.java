package dev.spindle.lineage;

import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;
import dev.spindle.util.Iterators;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fewer partitions without a shuffle: partition {@code i} reads a run of neighbouring parent partitions
 * one after the other, so order is kept. It prefers the hosts most of its parents' inputs are on.
 */
final class CoalescedLineage<T> extends Lineage<T> {
    private static final long serialVersionUID = 1L;

    private record Group(int index, List<Partition> inner) implements Partition {
        @Override
        public List<String> preferredHosts() {
            Map<String, Integer> votes = new LinkedHashMap<>();
            for (Partition p : inner) {
                p.preferredHosts().forEach(h -> votes.merge(h, 1, Integer::sum));
            }
            return votes.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3)
                    .map(Map.Entry::getKey).toList();
        }
    }

    private final Lineage<T> parent;
    private final int groups;

    CoalescedLineage(Lineage<T> parent, int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("coalesce needs at least one partition, not " + groups);
        }
        this.parent = parent;
        this.groups = groups;
    }

    @Override
    public List<? extends Partition> partitions() {
        List<? extends Partition> all = parent.partitions();
        int n = Math.min(groups, Math.max(1, all.size()));
        List<Partition> out = new ArrayList<>(n);
        for (int g = 0; g < n; g++) {
            int from = (int) ((long) g * all.size() / n);
            int to = (int) ((long) (g + 1) * all.size() / n);
            out.add(new Group(g, List.copyOf(all.subList(from, to))));
        }
        return out;
    }

    @Override
    public Iterator<T> compute(Partition partition, TaskContext task) {
        List<Partition> inner = ((Group) partition).inner();
        // Each parent partition is opened only when the previous one is used up.
        return Iterators.flatMap(inner.iterator(), p -> parent.iterator(p, task));
    }

    @Override
    public List<Lineage<?>> narrowParents() {
        return List.of(parent);
    }
}
