package dev.spindle.lineage;

import dev.spindle.Pair;
import dev.spindle.config.CoreKeys;
import dev.spindle.function.CombineFunction;
import dev.spindle.function.FilterFunction;
import dev.spindle.function.FlatMapFunction;
import dev.spindle.function.KeyComparator;
import dev.spindle.function.MapFunction;
import dev.spindle.function.MapPartitionsFunction;
import dev.spindle.function.MapPartitionsWithIndexFunction;
import dev.spindle.function.ReduceFunction;
import dev.spindle.hdfs.FileOutputCommitter;
import dev.spindle.shuffle.Aggregator;
import dev.spindle.shuffle.Partitioner;
import dev.spindle.shuffle.RangePartitioner;
import dev.spindle.spi.Plan;
import dev.spindle.task.TaskContext;
import dev.spindle.util.Iterators;
import dev.spindle.util.Sneaky;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * A public dataset's plan: one {@link Lineage} and the driver that runs jobs over it. Transformations
 * add lineage; actions turn into one job each, whose task function does the per-partition half and
 * whose results the driver combines. The runner is not serialized: a plan inside a task runs nothing.
 */
final class LineagePlan<T> implements Plan<T> {
    private static final long serialVersionUID = 1L;

    private final Lineage<T> lineage;
    private final transient JobRunner jobs;

    LineagePlan(Lineage<T> lineage, JobRunner jobs) {
        this.lineage = lineage;
        this.jobs = jobs;
    }

    private JobRunner jobs() {
        if (jobs == null) {
            throw new IllegalStateException("a dataset can only start jobs on the driver, not inside a task");
        }
        return jobs;
    }

    private <R> LineagePlan<R> with(Lineage<R> next) {
        return new LineagePlan<>(next, jobs);
    }

    @Override
    public int numPartitions() {
        return lineage.partitions().size();
    }

    @Override
    public <R> Plan<R> mapPartitions(MapPartitionsFunction<T, R> f) {
        return with(new MapPartitionsLineage<>(lineage, (index, it) -> f.call(it), false));
    }

    @Override
    public <R> Plan<R> mapPartitionsWithIndex(MapPartitionsWithIndexFunction<T, R> f, boolean preservesPartitioning) {
        return with(new MapPartitionsLineage<>(lineage, f, preservesPartitioning));
    }

    @Override
    public Plan<T> union(List<Plan<T>> others) {
        List<Lineage<T>> all = new ArrayList<>();
        all.add(lineage);
        for (Plan<T> o : others) {
            all.add(lineageOf(o));
        }
        return with(new UnionLineage<>(all));
    }

    @Override
    public Plan<T> coalesce(int numPartitions) {
        return with(new CoalescedLineage<>(lineage, numPartitions));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U, R> Plan<R> cartesian(Plan<U> other) {
        return with((Lineage<R>) (Lineage<?>) new CartesianLineage<>(lineage, lineageOf(other)));
    }

    @Override
    public List<T> take(int n) {
        List<T> out = new ArrayList<>(Math.min(n, 1024));
        int total = numPartitions();
        int scanned = 0;
        while (out.size() < n && scanned < total) {
            // As Spark: one partition first, then more at a time, guessing from what the scanned ones held.
            int batch = 1;
            if (scanned > 0) {
                batch = out.isEmpty() ? scanned * TAKE_SCALE_UP
                        : (int) Math.max(1, Math.min((long) Math.ceil(1.5 * n * scanned / out.size()) - scanned,
                        (long) scanned * TAKE_SCALE_UP));
            }
            int[] ids = java.util.stream.IntStream.range(scanned, Math.min(total, scanned + batch)).toArray();
            int left = n - out.size();
            List<ArrayList<T>> parts = jobs().runJob(lineage, (task, it) -> {
                ArrayList<T> first = new ArrayList<>();
                while (first.size() < left && it.hasNext()) {
                    first.add(it.next());
                }
                return first;
            }, ids);
            for (ArrayList<T> part : parts) {
                for (T t : part) {
                    if (out.size() < n) {
                        out.add(t);
                    }
                }
            }
            scanned += ids.length;
        }
        return out;
    }

    /** How many times more partitions each round of a {@code take} tries than the rounds before, as Spark's. */
    private static final int TAKE_SCALE_UP = 4;

    @Override
    public long[] partitionSizes() {
        List<Long> counts = jobs().runJob(lineage, (task, it) -> {
            long c = 0;
            while (it.hasNext()) {
                it.next();
                c++;
            }
            return c;
        });
        return counts.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public int hashPartitions() {
        return lineage.partitioner() instanceof Partitioner.Hash h ? h.numPartitions() : 0;
    }

    /** Whether new shuffles compress their map outputs. */
    private boolean compress() {
        return jobs().conf().get(CoreKeys.SHUFFLE_COMPRESS);
    }

    @SuppressWarnings("unchecked")
    private static <U> Lineage<U> lineageOf(Plan<U> plan) {
        if (!(plan instanceof LineagePlan<?> other)) {
            throw new IllegalArgumentException("a dataset of another engine: " + plan.getClass().getName());
        }
        return (Lineage<U>) other.lineage;
    }

    @Override
    public <R> Plan<R> map(MapFunction<T, R> f) {
        return map(f, false);
    }

    @Override
    public <R> Plan<R> map(MapFunction<T, R> f, boolean preservesPartitioning) {
        return mapPartitionsWithIndex((index, it) -> Iterators.map(it, f), preservesPartitioning);
    }

    @Override
    public Plan<T> filter(FilterFunction<T> f) {
        return mapPartitionsWithIndex((index, it) -> Iterators.filter(it, f), true);
    }

    @Override
    public <R> Plan<R> flatMap(FlatMapFunction<T, R> f) {
        return flatMap(f, false);
    }

    @Override
    public <R> Plan<R> flatMap(FlatMapFunction<T, R> f, boolean preservesPartitioning) {
        return mapPartitionsWithIndex((index, it) -> Iterators.flatMap(it, f), preservesPartitioning);
    }

    @Override
    public List<T> collect() {
        List<ArrayList<T>> parts = jobs().runJob(lineage, (task, it) -> {
            ArrayList<T> out = new ArrayList<>();
            it.forEachRemaining(out::add);
            return out;
        });
        List<T> all = new ArrayList<>(parts.stream().mapToInt(List::size).sum());
        parts.forEach(all::addAll);
        return all;
    }

    @Override
    public void persist(boolean memory, boolean disk) {
        synchronized (lineage) {
            Lineage.CacheMark mark = lineage.cacheMark();
            if (mark != null) {
                if (mark.memory() != memory || mark.disk() != disk) {
                    throw new UnsupportedOperationException("this dataset is persisted at another storage level already;"
                            + " unpersist it first");
                }
                return;
            }
            lineage.cacheMark(new Lineage.CacheMark(jobs().newDatasetId(), memory, disk));
        }
    }

    @Override
    public void unpersist() {
        Lineage.CacheMark mark;
        synchronized (lineage) {
            mark = lineage.cacheMark();
            lineage.cacheMark(null);
        }
        if (mark != null) {
            jobs().unpersist(mark.datasetId());
        }
    }

    @Override
    public boolean[] storage() {
        Lineage.CacheMark mark = lineage.cacheMark();
        return mark == null ? null : new boolean[]{mark.memory(), mark.disk()};
    }

    @Override
    public long count() {
        List<Long> counts = jobs().runJob(lineage, (task, it) -> {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return n;
        });
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public T reduce(ReduceFunction<T> f) {
        List<ArrayList<T>> partials = jobs().runJob(lineage, (task, it) -> {
            ArrayList<T> out = new ArrayList<>(1);
            if (it.hasNext()) {
                T acc = it.next();
                while (it.hasNext()) {
                    acc = f.call(acc, it.next());
                }
                out.add(acc);
            }
            return out;
        });
        T acc = null;
        boolean any = false;
        for (ArrayList<T> p : partials) {
            if (p.isEmpty()) {
                continue;
            }
            try {
                acc = any ? f.call(acc, p.get(0)) : p.get(0);
            } catch (Exception e) {
                throw Sneaky.rethrow(e);
            }
            any = true;
        }
        if (!any) {
            throw new UnsupportedOperationException("reduce of an empty dataset");
        }
        return acc;
    }

    @Override
    public void saveAsTextFile(String path) {
        save(path, null, LineagePlan::writeLine);
    }

    @Override
    public void saveAsTextFile(String path, String codec) {
        // Resolved here first: a wrong name fails before anything runs, in one sentence.
        if (new org.apache.hadoop.io.compress.CompressionCodecFactory(jobs().hadoopConf()).getCodecByName(codec) == null) {
            throw new IllegalArgumentException("no compression codec named '" + codec + "' (try gzip, bzip2, lz4,"
                    + " deflate, or a CompressionCodec class name on the class path)");
        }
        save(path, codec, LineagePlan::writeLine);
    }

    private static void writeLine(Object element, java.io.OutputStream out) throws java.io.IOException {
        out.write(String.valueOf(element).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.write('\n');
    }

    @Override
    public void saveAsBinaryRecords(String path) {
        save(path, null, (element, out) -> {
            if (!(element instanceof byte[] bytes)) {
                throw new IllegalArgumentException("saveAsBinaryRecords writes byte[] elements, not "
                        + (element == null ? "null" : element.getClass().getName()));
            }
            out.write(bytes);
        });
    }

    /** How one element becomes bytes of an output file. */
    @FunctionalInterface
    private interface ElementWriter extends Serializable {
        void write(Object element, java.io.OutputStream out) throws java.io.IOException;
    }

    /** Saves through the committer; {@code codec} names a Hadoop codec that compresses each part, or null. */
    private void save(String path, String codec, ElementWriter writer) {
        try {
            FileOutputCommitter committer = new FileOutputCommitter(path, jobs().outputWriter(), jobs().hadoopConf());
            committer.setupJob();
            String attempts = committer.attemptsDir();
            boolean committed = false;
            try {
                List<String> files = jobs().runJob(lineage, (task, it) -> writePart(attempts, task, it, writer, codec));
                committer.commitJob(files);
                committed = true;
            } finally {
                if (!committed) {
                    committer.abortJob();
                }
            }
        } catch (java.io.IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    private static <T> String writePart(String attempts, TaskContext task, Iterator<T> it, ElementWriter writer,
                                        String codecName) throws java.io.IOException {
        org.apache.hadoop.io.compress.CompressionCodec codec = codecName == null ? null
                : new org.apache.hadoop.io.compress.CompressionCodecFactory(task.env().hadoopConf())
                .getCodecByName(codecName);
        String file = FileOutputCommitter.attemptFile(attempts, task.partition(), task.taskId())
                + (codec == null ? "" : codec.getDefaultExtension());
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        java.io.OutputStream raw = path.getFileSystem(task.env().hadoopConf()).create(path, false);
        try (java.io.OutputStream w = new java.io.BufferedOutputStream(
                codec == null ? raw : codec.createOutputStream(raw), 1 << 16)) {
            long records = 0;
            while (it.hasNext()) {
                writer.write(it.next(), w);
                records++;
            }
            task.metrics().output(records);
        }
        return file;
    }

    // ---- key-wise operations: the elements are Pairs ----

    @SuppressWarnings("unchecked")
    private <K, V> Lineage<Pair<K, V>> pairs() {
        return (Lineage<Pair<K, V>>) (Lineage<?>) lineage;
    }

    @Override
    public <V> Plan<T> reduceByKey(ReduceFunction<V> f, int numPartitions) {
        return combine(new Aggregator<V, V>(v -> v, f::call, f::call), numPartitions, true);
    }

    @Override
    public <V, C, R> Plan<R> combineByKey(MapFunction<V, C> createCombiner, CombineFunction<C, V> mergeValue,
                                          CombineFunction<C, C> mergeCombiners, int numPartitions,
                                          boolean mapSideCombine) {
        return combine(new Aggregator<>(createCombiner, mergeValue, mergeCombiners), numPartitions, mapSideCombine);
    }

    @Override
    public <R> Plan<R> groupByKey(int numPartitions) {
        return combine(LineagePlan.grouping(), numPartitions, false);
    }

    @Override
    public Plan<T> partitionBy(int numPartitions) {
        Partitioner.Hash target = new Partitioner.Hash(numPartitions);
        if (target.equals(lineage.partitioner())) {
            return this;
        }
        ShuffleDependency<Object, Object, Object> dep = new ShuffleDependency<>(jobs().newShuffleId(),
                this.pairs(), target, null, false, null, compress());
        return shuffled(dep);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <R> Plan<R> cogroup(List<Plan<?>> others, int numPartitions) {
        List<Lineage<? extends Pair<Object, ?>>> parents = new ArrayList<>();
        parents.add(pairs());
        for (Plan<?> o : others) {
            parents.add((Lineage) lineageOf(o));
        }
        return with((Lineage<R>) (Lineage<?>) new CoGroupedLineage<>(parents, new Partitioner.Hash(numPartitions), jobs()));
    }

    /**
     * A key-wise aggregation into {@code numPartitions}: within each partition when the pairs are
     * already hash-partitioned that way (every key's pairs are in one partition), else through a shuffle.
     */
    @SuppressWarnings("unchecked")
    private <K, V, C, R> Plan<R> combine(Aggregator<V, C> agg, int numPartitions, boolean mapSideCombine) {
        Partitioner.Hash target = new Partitioner.Hash(numPartitions);
        if (target.equals(lineage.partitioner())) {
            MapPartitionsWithIndexFunction<Pair<K, V>, Pair<K, C>> local = (index, it) -> {
                dev.spindle.shuffle.CombineMap<C> combined = new dev.spindle.shuffle.CombineMap<>();
                it.forEachRemaining(p -> combined.addValue(agg, p.key(), p.value()));
                List<Pair<K, C>> out = new ArrayList<>(combined.size());
                combined.forEach((k, c) -> out.add(new Pair<>((K) k, c)));
                return out.iterator();
            };
            return with((Lineage<R>) (Lineage<?>) new MapPartitionsLineage<>(this.<K, V>pairs(), local, true));
        }
        return shuffle(target, agg, mapSideCombine);
    }

    private static <V> Aggregator<V, List<V>> grouping() {
        return new Aggregator<>(v -> {
            List<V> l = new ArrayList<>();
            l.add(v);
            return l;
        }, (l, v) -> {
            l.add(v);
            return l;
        }, (a, b) -> {
            a.addAll(b);
            return a;
        });
    }

    @Override
    public <K> Plan<T> sortByKey(KeyComparator<K> order, boolean ascending, int numPartitions) {
        Comparator<K> direction = ascending ? order : order.reversed();
        int perPartition = (int) Math.min(1_000_000L, Math.max(20L, 60L * numPartitions / Math.max(1, numPartitions())));
        List<KeySampleLineage.KeySample<K>> samples = with(new KeySampleLineage<K>(this.<K, Object>pairs(), perPartition,
                jobs().conf().get(CoreKeys.SORT_SAMPLE_FRACTION)))
                .collect();
        List<RangePartitioner.Weighted<K>> weighted = new ArrayList<>();
        for (KeySampleLineage.KeySample<K> s : samples) {
            double weight = s.keys().isEmpty() ? 0 : s.records() / s.keys().size();
            s.keys().forEach(k -> weighted.add(new RangePartitioner.Weighted<>(k, weight)));
        }
        RangePartitioner<K> partitioner = RangePartitioner.fromSample(weighted, numPartitions, direction);
        KeyComparator<K> ordering = ascending ? order : new dev.spindle.shuffle.DescendingOrder<>(order);
        ShuffleDependency<K, Object, Object> dep = new ShuffleDependency<>(jobs().newShuffleId(),
                this.<K, Object>pairs(), partitioner, null, false, ordering, compress());
        return shuffled(dep);
    }

    private <K, V, C, R> Plan<R> shuffle(Partitioner partitioner, Aggregator<V, C> agg, boolean mapSideCombine) {
        ShuffleDependency<K, V, C> dep = new ShuffleDependency<>(jobs().newShuffleId(), this.<K, V>pairs(),
                partitioner, agg, mapSideCombine, null, compress());
        return shuffled(dep);
    }

    @SuppressWarnings("unchecked")
    private <K, V, C, R> Plan<R> shuffled(ShuffleDependency<K, V, C> dep) {
        Lineage<?> reduced = new ShuffledLineage<>(dep, jobs().conf().get(CoreKeys.SORT_SPILL_RECORDS));
        return with((Lineage<R>) reduced);
    }
}
