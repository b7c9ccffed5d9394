package dev.spindle;

import dev.spindle.function.FilterFunction;
import dev.spindle.function.FlatMapFunction;
import dev.spindle.function.MapFunction;
import dev.spindle.function.MapPartitionsFunction;
import dev.spindle.function.ReduceFunction;
import dev.spindle.hdfs.FileOutputCommitter;
import dev.spindle.shuffle.ShuffleDependency;
import dev.spindle.internal.Iterators;
import dev.spindle.internal.Partition;
import dev.spindle.internal.TaskContext;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A partitioned, immutable collection computed lazily by executors, in the style of Spark's RDD.
 * Transformations ({@link #map}, {@link #filter}, {@link #flatMap}, {@link #mapPartitions}) build a
 * new dataset and run nothing; actions ({@link #collect}, {@link #count}, {@link #reduce}) run a job.
 * Chained narrow transformations are fused: each partition is computed in one pass.
 *
 * <p>A dataset is serialized into its tasks; its context is not, so it is only usable for new
 * transformations and actions on the driver.
 *
 * @param <T> the element type
 */
public abstract class Dataset<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final transient SpindleContext context;

    protected Dataset(SpindleContext context) {
        this.context = context;
    }

    public final SpindleContext context() {
        if (context == null) {
            throw new IllegalStateException("a dataset can only start jobs on the driver, not inside a task");
        }
        return context;
    }

    /** The partitions, one task each. Called on the driver only. */
    public abstract List<? extends Partition> partitions();

    /** Computes one partition. Called by Spindle's task runner on an executor. */
    public abstract Iterator<T> compute(Partition partition, TaskContext task) throws Exception;

    public int getNumPartitions() {
        return partitions().size();
    }

    /** Datasets this one computes from partition by partition, with no shuffle between. */
    public List<Dataset<?>> narrowParents() {
        return List.of();
    }

    /** The shuffle this dataset reads its records from, or null. */
    public ShuffleDependency<?, ?, ?> shuffleDependency() {
        return null;
    }

    /** Turns each element into a key and a value, for key-wise operations. */
    public <K, V> PairDataset<K, V> mapToPair(MapFunction<T, Pair<K, V>> f) {
        return new PairDataset<>(map(f));
    }

    /** Pairs each element with the key {@code f} gives it. */
    public <K> PairDataset<K, T> keyBy(MapFunction<T, K> f) {
        return mapToPair(t -> new Pair<>(f.call(t), t));
    }

    public <R> Dataset<R> mapPartitions(MapPartitionsFunction<T, R> f) {
        return new MapPartitionsDataset<>(this, f);
    }

    public <R> Dataset<R> map(MapFunction<T, R> f) {
        return mapPartitions(it -> Iterators.map(it, f));
    }

    public Dataset<T> filter(FilterFunction<T> f) {
        return mapPartitions(it -> Iterators.filter(it, f));
    }

    public <R> Dataset<R> flatMap(FlatMapFunction<T, R> f) {
        return mapPartitions(it -> Iterators.flatMap(it, f));
    }

    /** All elements, in partition order, in the driver's memory. */
    public List<T> collect() {
        List<ArrayList<T>> parts = context().runJob(this, (task, it) -> {
            ArrayList<T> out = new ArrayList<>();
            it.forEachRemaining(out::add);
            return out;
        });
        List<T> all = new ArrayList<>(parts.stream().mapToInt(List::size).sum());
        parts.forEach(all::addAll);
        return all;
    }

    public long count() {
        List<Long> counts = context().runJob(this, (task, it) -> {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return n;
        });
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Combines all elements with {@code f}, first within each partition on the executors, then the
     * partitions' results on the driver.
     *
     * @throws UnsupportedOperationException if the dataset is empty
     */
    public T reduce(ReduceFunction<T> f) {
        List<ArrayList<T>> partials = context().runJob(this, (task, it) -> {
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
                throw dev.spindle.internal.Sneaky.rethrow(e);
            }
            any = true;
        }
        if (!any) {
            throw new UnsupportedOperationException("reduce of an empty dataset");
        }
        return acc;
    }

    /**
     * Writes each element's {@code toString()} as a UTF-8 line to part files under {@code path}, then
     * an empty {@code _SUCCESS}. An existing {@code path} is refused before anything runs; a failed
     * job leaves no {@code path} behind.
     */
    public void saveAsTextFile(String path) {
        save(path, (element, out) -> {
            out.write(String.valueOf(element).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write('\n');
        });
    }

    /**
     * Writes the elements, which must be {@code byte[]}, back to back into part files under
     * {@code path}: the layout {@link SpindleContext#binaryRecords} reads. Committed as
     * {@link #saveAsTextFile} is.
     */
    public void saveAsBinaryRecords(String path) {
        save(path, (element, out) -> {
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

    private void save(String path, ElementWriter writer) {
        try {
            FileOutputCommitter committer = new FileOutputCommitter(path, context().hadoopConf());
            committer.setupJob();
            String out = committer.output();
            boolean committed = false;
            try {
                List<String> files = context().runJob(this, (task, it) -> writePart(out, task, it, writer));
                committer.commitJob(files);
                committed = true;
            } finally {
                if (!committed) {
                    committer.abortJob();
                }
            }
        } catch (java.io.IOException e) {
            throw dev.spindle.internal.Sneaky.rethrow(e);
        }
    }

    private static <T> String writePart(String out, TaskContext task, Iterator<T> it, ElementWriter writer)
            throws java.io.IOException {
        String file = FileOutputCommitter.attemptFile(out, task.partition(), task.taskId());
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        try (java.io.OutputStream w = new java.io.BufferedOutputStream(
                path.getFileSystem(task.env().hadoopConf()).create(path, false), 1 << 16)) {
            long records = 0;
            while (it.hasNext()) {
                writer.write(it.next(), w);
                records++;
            }
            task.metrics().output(records);
        }
        return file;
    }

    /** A narrow transformation of each parent partition into one child partition. */
    private static final class MapPartitionsDataset<P, R> extends Dataset<R> {
        private static final long serialVersionUID = 1L;
        private final Dataset<P> parent;
        private final MapPartitionsFunction<P, R> f;

        MapPartitionsDataset(Dataset<P> parent, MapPartitionsFunction<P, R> f) {
            super(parent.context);
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
        public List<Dataset<?>> narrowParents() {
            return List.of(parent);
        }
    }
}
