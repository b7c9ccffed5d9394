package dev.spindle.lineage;

import dev.spindle.config.SpindleConf;
import dev.spindle.hdfs.FileOutputCommitter;
import dev.spindle.task.TaskFunction;
import org.apache.hadoop.conf.Configuration;

import java.util.List;

/**
 * What the engine's datasets need from the driver: it is defined here and implemented above, in the
 * driver package, because the driver plans over lineages and must not be known by them.
 */
public interface JobRunner {
    SpindleConf conf();

    /** The cluster's Hadoop configuration; callers copy it before changing it. */
    Configuration hadoopConf();

    int newShuffleId();

    /** Who this driver is when it writes an output: its application and attempt. */
    FileOutputCommitter.Writer outputWriter();

    /**
     * Runs {@code function} over every partition of {@code lineage} and returns the results in
     * partition order, first running the shuffle map stages it depends on. Blocks the calling thread.
     */
    default <T, R> List<R> runJob(Lineage<T> lineage, TaskFunction<T, R> function) {
        return runJob(lineage, function, null);
    }

    /**
     * As {@link #runJob(Lineage, TaskFunction)} over only {@code partitions} (all when null), results in
     * their order: an action such as {@code take} computes no more partitions than it needs.
     */
    <T, R> List<R> runJob(Lineage<T> lineage, TaskFunction<T, R> function, int[] partitions);

    /** A new accumulator's driver-side state. */
    dev.spindle.spi.AccumulatorState newAccumulator(String name);

    /** Keeps a broadcast's serialized value for executors to fetch; returns its id. */
    long broadcast(byte[] value);

    void unpersistBroadcast(long id);

    void destroyBroadcast(long id);

    /** A new id for a dataset being persisted. */
    int newDatasetId();

    /** Forgets where a persisted dataset's partitions are and has the executors drop them. */
    void unpersist(int datasetId);
}
