package dev.spindle.spi;

import dev.spindle.config.SpindleConf;
import org.apache.hadoop.conf.Configuration;

import java.util.List;

/**
 * What {@code SpindleContext} needs from the engine of the application running in this JVM: its
 * settings and the source datasets. The public API reaches the engine only through this package, so
 * that it compiles against nothing of the driver, the shuffle or the task runtime; the driver side
 * installs an implementation in {@link Engines}. Arguments are validated by the caller.
 */
public interface Engine {
    SpindleConf conf();

    /** The cluster's Hadoop configuration, as the driver sees it; callers copy it before changing it. */
    Configuration hadoopConf();

    /** {@code data} over {@code slices} partitions of near-equal size, in order. */
    <T> Plan<T> parallelize(List<T> data, int slices);

    /** The numbers {@code [start, end)} over {@code slices} partitions. */
    Plan<Long> range(long start, long end, int slices);

    /** The lines of the input at {@code path}, cut into at least about {@code minPartitions} partitions. */
    Plan<String> textFile(String path, int minPartitions);

    /** Fixed-length records of the input at {@code path}, one partition per block. */
    Plan<byte[]> binaryRecords(String path, int recordLength);

    /** A new accumulator's driver-side state, under a new id, into which successful tasks' updates merge. */
    AccumulatorState newAccumulator(String name);

    /** Keeps a broadcast's serialized value for executors to fetch; returns its id. */
    long broadcast(byte[] value);

    /** Executors drop their copies of broadcast {@code id}; the value stays fetchable. */
    void unpersistBroadcast(long id);

    /** Forgets broadcast {@code id} everywhere: tasks that read it later fail. */
    void destroyBroadcast(long id);
}
