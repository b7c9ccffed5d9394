package dev.spindle;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.spi.Engine;
import dev.spindle.spi.Engines;

import org.apache.hadoop.conf.Configuration;

import java.util.List;

/**
 * The entry point of a Spindle job, created in the job's {@code main}. It attaches to the driver
 * that spindle-submit started for this application (in the submit process in client mode, in the
 * ApplicationMaster in cluster mode) and picks up the configuration spindle-submit resolved.
 *
 * <p>Jobs may be started from several threads of the driver at once.
 */
public final class SpindleContext implements AutoCloseable {
    private final Engine engine;

    public SpindleContext() {
        this.engine = Engines.current().orElseThrow(() -> new IllegalStateException(
                "no Spindle driver runs in this JVM: launch the job with bin/spindle-submit"));
    }

    public SpindleConf conf() {
        return engine.conf();
    }

    /**
     * Fixed-length binary records of {@code recordLength} bytes (a file, a directory, a glob), one
     * partition per block; a file whose length is not a whole number of records fails the task reading it.
     */
    public Dataset<byte[]> binaryRecords(String path, int recordLength) {
        if (recordLength < 1) {
            throw new IllegalArgumentException("record length must be at least 1, not " + recordLength);
        }
        return new Dataset<>(this, engine.binaryRecords(path, recordLength));
    }

    /** The cluster's Hadoop configuration, as the driver sees it. */
    public Configuration hadoopConf() {
        return engine.hadoopConf();
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
        return new Dataset<>(this, engine.parallelize(data, slices));
    }

    /** The numbers {@code [start, end)} over {@code slices} partitions; nothing is shipped but bounds. */
    public Dataset<Long> range(long start, long end, int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be at least 1, was " + slices);
        }
        if (end < start) {
            throw new IllegalArgumentException("range end " + end + " is below its start " + start);
        }
        return new Dataset<>(this, engine.range(start, end, slices));
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
        return new Dataset<>(this, engine.textFile(path, minPartitions));
    }

    /** The elements of all {@code datasets}, one after the other, with no shuffle. */
    @SafeVarargs
    public final <T> Dataset<T> union(Dataset<T> first, Dataset<T>... rest) {
        if (rest.length == 0) {
            return first;
        }
        List<dev.spindle.spi.Plan<T>> others = new java.util.ArrayList<>();
        for (Dataset<T> d : rest) {
            others.add(d.plan());
        }
        return new Dataset<>(this, first.plan().union(others));
    }

    /**
     * Ships {@code value} to each executor once, for its tasks to read with {@link Broadcast#value()}.
     * It is serialized now: later changes to {@code value} are not seen by tasks.
     *
     * @throws IllegalArgumentException if it cannot be serialized
     */
    public <T> Broadcast<T> broadcast(T value) {
        byte[] bytes;
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(out)) {
                o.writeObject(value);
            }
            bytes = out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("a broadcast value must be serializable: " + e, e);
        }
        return new Broadcast<>(engine.broadcast(bytes), value, engine);
    }

    /** A new long sum, named for the logs (null or empty for none). */
    public LongAccumulator longAccumulator(String name) {
        return new LongAccumulator(engine.newAccumulator(name));
    }

    public LongAccumulator longAccumulator() {
        return longAccumulator(null);
    }

    /** A new double sum, named for the logs (null or empty for none). */
    public DoubleAccumulator doubleAccumulator(String name) {
        return new DoubleAccumulator(engine.newAccumulator(name));
    }

    public DoubleAccumulator doubleAccumulator() {
        return doubleAccumulator(null);
    }

    /** Nothing to release: the application ends when the job's main returns. */
    @Override
    public void close() {
    }
}
