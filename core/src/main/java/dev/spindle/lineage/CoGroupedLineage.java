package dev.spindle.lineage;

import dev.spindle.Pair;
import dev.spindle.shuffle.Aggregator;
import dev.spindle.shuffle.Partitioner;
import dev.spindle.shuffle.SpillableCombiner;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Several pair datasets grouped by key, the base of every join: partition {@code r} holds, for each key
 * the partitioner sends to {@code r}, one list of values per parent. A parent already partitioned by an
 * equal partitioner is read partition by partition (narrow, no shuffle, as Spark's co-partitioned join);
 * every other parent is shuffled. The groups of one partition are gathered within the task's memory
 * budget and spilled to local disk beyond it ({@link SpillableCombiner}).
 */
final class CoGroupedLineage<K> extends Lineage<Pair<K, List<List<Object>>>> {
    private static final long serialVersionUID = 1L;

    /** For each parent, its own partition {@code index} when narrow, else null (read from its shuffle). */
    private record CoGroupPartition(int index, List<Partition> narrow) implements Partition {
        @Override
        public List<String> preferredHosts() {
            for (Partition p : narrow) {
                if (p != null && !p.preferredHosts().isEmpty()) {
                    return p.preferredHosts();
                }
            }
            return List.of();
        }
    }

    private final List<Lineage<? extends Pair<K, ?>>> parents;
    /** One per parent: its shuffle, or null when the parent is co-partitioned and read narrowly. */
    private final List<ShuffleDependency<K, Object, Object>> shuffles;
    private final Partitioner partitioner;

    @SuppressWarnings("unchecked")
    CoGroupedLineage(List<Lineage<? extends Pair<K, ?>>> parents, Partitioner partitioner, JobRunner jobs) {
        if (parents.size() < 2) {
            throw new IllegalArgumentException("a cogroup needs at least two datasets, not " + parents.size());
        }
        this.parents = List.copyOf(parents);
        this.partitioner = partitioner;
        List<ShuffleDependency<K, Object, Object>> deps = new ArrayList<>();
        for (Lineage<? extends Pair<K, ?>> p : parents) {
            deps.add(partitioner.equals(p.partitioner()) ? null : new ShuffleDependency<>(jobs.newShuffleId(),
                    (Lineage<Pair<K, Object>>) p, partitioner, null, false, null,
                    jobs.conf().get(dev.spindle.config.CoreKeys.SHUFFLE_COMPRESS)));
        }
        this.shuffles = java.util.Collections.unmodifiableList(deps);
    }

    @Override
    public List<? extends Partition> partitions() {
        List<List<? extends Partition>> parentParts = new ArrayList<>();
        for (int i = 0; i < parents.size(); i++) {
            parentParts.add(shuffles.get(i) == null ? parents.get(i).partitions() : null);
        }
        List<Partition> out = new ArrayList<>(partitioner.numPartitions());
        for (int r = 0; r < partitioner.numPartitions(); r++) {
            List<Partition> narrow = new ArrayList<>(parents.size());
            for (List<? extends Partition> pp : parentParts) {
                narrow.add(pp == null ? null : pp.get(r));
            }
            out.add(new CoGroupPartition(r, java.util.Collections.unmodifiableList(narrow)));
        }
        return out;
    }

    @Override
    public Iterator<Pair<K, List<List<Object>>>> compute(Partition partition, TaskContext task) throws Exception {
        CoGroupPartition c = (CoGroupPartition) partition;
        int n = parents.size();
        SpillableCombiner<Pair<Integer, Object>, List<List<Object>>> groups = new SpillableCombiner<>(grouping(n),
                task.memory(), new java.io.File(task.env().shuffleDir(), "spill"),
                Thread.currentThread().getContextClassLoader(), task.metrics()::spilled,
                "a join's partition " + c.index());
        for (int i = 0; i < n; i++) {
            Iterator<? extends Pair<?, ?>> records;
            ShuffleDependency<K, Object, Object> dep = shuffles.get(i);
            if (dep == null) {
                records = parents.get(i).iterator(c.narrow().get(i), task);
            } else {
                List<dev.spindle.shuffle.MapStatus> outputs = task.shuffleInputs().get(dep.shuffleId());
                if (outputs == null) {
                    throw new IllegalStateException("no map outputs of shuffle " + dep.shuffleId() + " reached this task");
                }
                records = ShuffleReader.read(dep.shuffleId(), outputs, c.index(), task, dep.compressed());
            }
            while (records.hasNext()) {
                Pair<?, ?> r = records.next();
                groups.addValue(r.key(), new Pair<>(i, r.value()));
            }
        }
        return groups.result();
    }

    /** Values tagged with their side, gathered into one list per side. */
    private static Aggregator<Pair<Integer, Object>, List<List<Object>>> grouping(int sides) {
        return new Aggregator<>(tagged -> {
            List<List<Object>> lists = new ArrayList<>(sides);
            for (int j = 0; j < sides; j++) {
                lists.add(new ArrayList<>(1));
            }
            lists.get(tagged.key()).add(tagged.value());
            return lists;
        }, (lists, tagged) -> {
            lists.get(tagged.key()).add(tagged.value());
            return lists;
        }, (a, b) -> {
            for (int j = 0; j < sides; j++) {
                a.get(j).addAll(b.get(j));
            }
            return a;
        });
    }

    @Override
    public List<Lineage<?>> narrowParents() {
        List<Lineage<?>> out = new ArrayList<>();
        for (int i = 0; i < parents.size(); i++) {
            if (shuffles.get(i) == null) {
                out.add(parents.get(i));
            }
        }
        return out;
    }

    @Override
    public List<ShuffleDependency<?, ?, ?>> shuffleDependencies() {
        List<ShuffleDependency<?, ?, ?>> out = new ArrayList<>();
        for (ShuffleDependency<K, Object, Object> d : shuffles) {
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    @Override
    public Partitioner partitioner() {
        return partitioner;
    }
}
