package dev.spindle.lineage;

import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;

/** A source whose partitions carry their own data: a driver-side list, or bounds of a range. */
final class SourceLineage<T> extends Lineage<T> {
    private static final long serialVersionUID = 1L;
    private final transient List<Partition> parts;

    private SourceLineage(List<Partition> parts) {
        this.parts = List.copyOf(parts);
    }

    /** {@code data} over {@code slices} partitions of near-equal size, in order. */
    static <T> SourceLineage<T> of(List<T> data, int slices) {
        List<Partition> parts = new ArrayList<>(slices);
        int n = data.size();
        for (int i = 0; i < slices; i++) {
            int from = (int) ((long) i * n / slices);
            int to = (int) ((long) (i + 1) * n / slices);
            parts.add(new ListPartition<>(i, new ArrayList<>(data.subList(from, to))));
        }
        return new SourceLineage<>(parts);
    }

    /** The numbers {@code [start, end)} over {@code slices} partitions; nothing is shipped but bounds. */
    static SourceLineage<Long> range(long start, long end, int slices) {
        List<Partition> parts = new ArrayList<>(slices);
        long n = end - start;
        for (int i = 0; i < slices; i++) {
            long from = start + (long) ((double) i * n / slices);
            long to = i == slices - 1 ? end : start + (long) ((double) (i + 1) * n / slices);
            parts.add(new RangePartition(i, from, to));
        }
        return new SourceLineage<>(parts);
    }

    @Override
    public List<? extends Partition> partitions() {
        return parts;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<T> compute(Partition partition, TaskContext task) {
        return ((SelfComputing<T>) partition).iterator();
    }

    private interface SelfComputing<T> extends Partition {
        Iterator<T> iterator();
    }

    private record ListPartition<T>(int index, ArrayList<T> data) implements SelfComputing<T> {
        @Override
        public Iterator<T> iterator() {
            return data.iterator();
        }
    }

    private record RangePartition(int index, long from, long to) implements SelfComputing<Long> {
        @Override
        public Iterator<Long> iterator() {
            return LongStream.range(from, to).iterator();
        }
    }
}
