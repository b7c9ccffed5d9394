package dev.spindle.lineage;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.hdfs.FileSplit;
import dev.spindle.hdfs.InputFiles;
import dev.spindle.hdfs.SplitCalculator;
import dev.spindle.spi.Engine;
import dev.spindle.spi.Plan;
import dev.spindle.util.Sneaky;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;

import java.io.IOException;
import java.util.List;

/** The engine behind {@code SpindleContext}: source datasets over lineages whose jobs {@code jobs} runs. */
public final class LineageEngine implements Engine {
    private final JobRunner jobs;

    public LineageEngine(JobRunner jobs) {
        this.jobs = jobs;
    }

    @Override
    public SpindleConf conf() {
        return jobs.conf();
    }

    @Override
    public Configuration hadoopConf() {
        return jobs.hadoopConf();
    }

    @Override
    public <T> Plan<T> parallelize(List<T> data, int slices) {
        return new LineagePlan<>(SourceLineage.of(data, slices), jobs);
    }

    @Override
    public Plan<Long> range(long start, long end, int slices) {
        return new LineagePlan<>(SourceLineage.range(start, end, slices), jobs);
    }

    @Override
    public Plan<String> textFile(String path, int minPartitions) {
        List<FileStatus> files = listInput(path);
        return new LineagePlan<>(new TextFileLineage(splits(files, minPartitions)), jobs);
    }

    @Override
    public Plan<byte[]> binaryRecords(String path, int recordLength) {
        List<FileStatus> files = listInput(path);
        java.util.Map<String, Long> lengths = new java.util.HashMap<>();
        files.forEach(f -> lengths.put(f.getPath().toString(), f.getLen()));
        List<FileSplit> splits = splits(files, 0);
        return new LineagePlan<>(new BinaryRecordsLineage(splits, splits.stream().map(s -> lengths.get(s.path())).toList(),
                recordLength), jobs);
    }

    /** The files of an input path; a missing input or empty glob throws InputException unchanged. */
    private List<FileStatus> listInput(String path) {
        try {
            return InputFiles.list(path, jobs.hadoopConf());
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    private List<FileSplit> splits(List<FileStatus> files, int minPartitions) {
        try {
            SpindleConf conf = jobs.conf();
            return new SplitCalculator(conf.get(CoreKeys.MIN_SPLIT_SIZE), conf.get(CoreKeys.MAX_SPLIT_SIZE))
                    .splits(files, minPartitions, jobs.hadoopConf());
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    @Override
    public dev.spindle.spi.AccumulatorState newAccumulator(String name) {
        return jobs.newAccumulator(name);
    }

    @Override
    public long broadcast(byte[] value) {
        return jobs.broadcast(value);
    }

    @Override
    public void unpersistBroadcast(long id) {
        jobs.unpersistBroadcast(id);
    }

    @Override
    public void destroyBroadcast(long id) {
        jobs.destroyBroadcast(id);
    }
}
