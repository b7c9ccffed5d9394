package dev.spindle;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.driver.Driver;
import dev.spindle.driver.DriverRuntime;
import dev.spindle.hdfs.FileSplit;
import dev.spindle.hdfs.InputFiles;
import dev.spindle.hdfs.SplitCalculator;
import dev.spindle.internal.Partition;
import dev.spindle.internal.Sneaky;
import dev.spindle.internal.TaskContext;
import dev.spindle.internal.TaskFunction;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The entry point of a Spindle job, created in the job's {@code main}. It attaches to the driver
 * that spindle-submit started for this application (in the submit process in client mode, in the
 * ApplicationMaster in cluster mode) and picks up the configuration spindle-submit resolved.
 *
 * <p>Jobs may be started from several threads of the driver at once.
 */
public final class SpindleContext implements AutoCloseable {
    private final Driver driver;

    public SpindleContext() {
        this.driver = DriverRuntime.current().orElseThrow(() -> new IllegalStateException(
                "no Spindle driver runs in this JVM: launch the job with bin/spindle-submit"));
    }

    public SpindleConf conf() {
        return driver.conf();
    }

    /**
     * Fixed-length binary records of {@code recordLength} bytes (a file, a directory, a glob), one
     * partition per block; a file whose length is not a whole number of records fails the task reading it.
     */
    public Dataset<byte[]> binaryRecords(String path, int recordLength) {
        if (recordLength < 1) {
            throw new IllegalArgumentException("record length must be at least 1, not " + recordLength);
        }
        List<FileStatus> files = listInput(path);
        java.util.Map<String, Long> lengths = new java.util.HashMap<>();
        files.forEach(f -> lengths.put(f.getPath().toString(), f.getLen()));
        List<FileSplit> splits = splits(files, 0);
        return new BinaryRecordsDataset(this, splits, splits.stream().map(s -> lengths.get(s.path())).toList(),
                recordLength);
    }

    /** The files of an input path; a missing input or empty glob throws InputException unchanged. */
    private List<FileStatus> listInput(String path) {
        try {
            return InputFiles.list(path, driver.hadoopConf());
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    private List<FileSplit> splits(List<FileStatus> files, int minPartitions) {
        try {
            return new SplitCalculator(conf().get(CoreKeys.MIN_SPLIT_SIZE), conf().get(CoreKeys.MAX_SPLIT_SIZE))
                    .splits(files, minPartitions, driver.hadoopConf());
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    int newShuffleId() {
        return driver.newShuffleId();
    }

    /** The cluster's Hadoop configuration, as the driver sees it. */
    public Configuration hadoopConf() {
        return driver.hadoopConf();
    }

    /** Partitions used when none are given: the total task slots asked for, at least 2. */
    public int defaultParallelism() {
        SpindleConf c = conf();
        return Math.max(2, c.get(CoreKeys.EXECUTOR_INSTANCES) * c.get(CoreKeys.EXECUTOR_CORES));
    }

    public <T> Dataset<T> parallelize(List<T> data) {
        return parallelize(data, defaultParallelism());
    }

    /** Distributes a driver-side list over {@code slices} partitions of near-equal size, in order. */
    public <T> Dataset<T> parallelize(List<T> data, int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be at least 1, was " + slices);
        }
        List<Partition> parts = new ArrayList<>(slices);
        int n = data.size();
        for (int i = 0; i < slices; i++) {
            int from = (int) ((long) i * n / slices);
            int to = (int) ((long) (i + 1) * n / slices);
            parts.add(new ListPartition<>(i, new ArrayList<>(data.subList(from, to))));
        }
        return new SourceDataset<>(this, parts);
    }

    /** The numbers {@code [start, end)} over {@code slices} partitions; nothing is shipped but bounds. */
    public Dataset<Long> range(long start, long end, int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be at least 1, was " + slices);
        }
        if (end < start) {
            throw new IllegalArgumentException("range end " + end + " is below its start " + start);
        }
        List<Partition> parts = new ArrayList<>(slices);
        long n = end - start;
        for (int i = 0; i < slices; i++) {
            long from = start + (long) ((double) i * n / slices);
            long to = i == slices - 1 ? end : start + (long) ((double) (i + 1) * n / slices);
            parts.add(new RangePartition(i, from, to));
        }
        return new SourceDataset<>(this, parts);
    }

    /**
     * The lines of a text input: a file, a directory of files, a glob, or several of those separated by
     * commas, on any Hadoop file system. One partition per block (per file for gzip).
     */
    public Dataset<String> textFile(String path) {
        return textFile(path, 0);
    }

    /** As {@link #textFile(String)}, cut into at least about {@code minPartitions} partitions. */
    public Dataset<String> textFile(String path, int minPartitions) {
        List<FileStatus> files = listInput(path);
        return new TextFileDataset(this, splits(files, minPartitions));
    }

    <T, R> List<R> runJob(Dataset<T> dataset, TaskFunction<T, R> function) {
        return driver.runJob(dataset, function);
    }

    /** Nothing to release: the application ends when the job's main returns. */
    @Override
    public void close() {
    }

    /** A source whose partitions carry their own data. */
    private static final class SourceDataset<T> extends Dataset<T> {
        private static final long serialVersionUID = 1L;
        private final transient List<Partition> parts;

        SourceDataset(SpindleContext context, List<Partition> parts) {
            super(context);
            this.parts = List.copyOf(parts);
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
