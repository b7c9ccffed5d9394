package dev.spindle.driver;

import dev.spindle.config.SpindleConf;
import dev.spindle.hdfs.FileOutputCommitter;
import dev.spindle.lineage.JobRunner;
import dev.spindle.lineage.Lineage;
import dev.spindle.task.TaskFunction;
import org.apache.hadoop.conf.Configuration;

import java.util.List;

/** A driver as the engine's datasets see it: what runs their jobs. */
final class DriverJobs implements JobRunner {
    private final Driver driver;

    DriverJobs(Driver driver) {
        this.driver = driver;
    }

    @Override
    public SpindleConf conf() {
        return driver.conf();
    }

    @Override
    public Configuration hadoopConf() {
        return driver.hadoopConf();
    }

    @Override
    public int newShuffleId() {
        return driver.newShuffleId();
    }

    @Override
    public FileOutputCommitter.Writer outputWriter() {
        return driver.outputWriter();
    }

    @Override
    public <T, R> List<R> runJob(Lineage<T> lineage, TaskFunction<T, R> function, int[] partitions) {
        return driver.runJob(lineage, function, partitions);
    }

    @Override
    public dev.spindle.spi.AccumulatorState newAccumulator(String name) {
        return driver.newAccumulator(name);
    }

    @Override
    public long broadcast(byte[] value) {
        return driver.broadcast(value);
    }

    @Override
    public void unpersistBroadcast(long id) {
        driver.unpersistBroadcast(id);
    }

    @Override
    public void destroyBroadcast(long id) {
        driver.destroyBroadcast(id);
    }

    @Override
    public int newDatasetId() {
        return driver.newDatasetId();
    }

    @Override
    public void unpersist(int datasetId) {
        driver.unpersist(datasetId);
    }
}
