package dev.spindle.lineage;

import dev.spindle.Pair;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;
import dev.spindle.shuffle.Aggregator;
import dev.spindle.shuffle.SpillableCombiner;
import dev.spindle.shuffle.ExternalSorter;
import dev.spindle.shuffle.MapStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The reduce side of a shuffle: partition {@code r} holds every record whose key the partitioner sent
 * to {@code r}, combined per key when the dependency has an aggregator, sorted when it has an ordering.
 */
final class ShuffledLineage<K, V, C> extends Lineage<Pair<K, C>> {
    private static final long serialVersionUID = 1L;

    private record ReducePartition(int index) implements Partition {
    }

    private final ShuffleDependency<K, V, C> dep;

    /** {@code sortSpillRecords}: records a sorting task holds in memory before it spills a run. */
    ShuffledLineage(ShuffleDependency<K, V, C> dep, int sortSpillRecords) {
        this.dep = dep;
        this.sortSpillRecords = sortSpillRecords;
    }

    @Override
    public List<? extends Partition> partitions() {
        List<Partition> out = new ArrayList<>();
        for (int i = 0; i < dep.partitioner().numPartitions(); i++) {
            out.add(new ReducePartition(i));
        }
        return out;
    }

    @Override
    public List<ShuffleDependency<?, ?, ?>> shuffleDependencies() {
        return List.of(dep);
    }

    @Override
    public dev.spindle.shuffle.Partitioner partitioner() {
        return dep.partitioner();
    }

    private final int sortSpillRecords;

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<Pair<K, C>> compute(Partition partition, TaskContext task) throws java.io.IOException {
        List<MapStatus> outputs = task.shuffleInputs().get(dep.shuffleId());
        if (outputs == null) {
            throw new IllegalStateException("no map outputs of shuffle " + dep.shuffleId() + " reached this task");
        }
        Iterator<Pair<Object, Object>> records = ShuffleReader.read(dep.shuffleId(), outputs, partition.index(), task,
                dep.compressed());
        Aggregator<V, C> agg = dep.aggregator();
        if (agg == null && dep.keyOrdering() != null) {
            // A sort may not fit in memory: sort in bounded runs on local disk and merge them.
            ExternalSorter<K, C> sorter = new ExternalSorter<>(dep.keyOrdering(), sortSpillRecords,
                    new java.io.File(task.env().shuffleDir(), "spill"), Thread.currentThread().getContextClassLoader(),
                    task.memory(), task.metrics()::spilled);
            while (records.hasNext()) {
                sorter.insert((Pair<K, C>) (Pair<?, ?>) records.next());
            }
            return sorter.sorted();
        }
        if (agg == null) {
            // A plain repartitioning: nothing to gather, so the records stream through.
            return (Iterator<Pair<K, C>>) (Iterator<?>) records;
        }
        SpillableCombiner<V, C> combined = new SpillableCombiner<>(agg, task.memory(),
                new java.io.File(task.env().shuffleDir(), "spill"), Thread.currentThread().getContextClassLoader(),
                task.metrics()::spilled, "shuffle " + dep.shuffleId() + ", reduce partition " + partition.index());
        while (records.hasNext()) {
            Pair<Object, Object> r = records.next();
            if (dep.mapSideCombine()) {
                combined.addCombiner(r.key(), (C) r.value());
            } else {
                combined.addValue(r.key(), (V) r.value());
            }
        }
        Iterator<Pair<K, C>> out = combined.result();
        if (dep.keyOrdering() == null) {
            return out;
        }
        List<Pair<K, C>> sorted = new ArrayList<>();
        out.forEachRemaining(sorted::add);
        Comparator<? super K> ordering = dep.keyOrdering();
        sorted.sort((x, y) -> ordering.compare(x.key(), y.key()));
        return sorted.iterator();
    }
}
