package dev.spindle.lineage;

import dev.spindle.hdfs.FileSplit;
import dev.spindle.hdfs.LineRecordReader;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The lines of text files, one partition per input split; the reader closes when the lines run out. A
 * task that samples its input reads stretches of large uncompressed splits ({@link SplitRecords}).
 */
final class TextFileLineage extends Lineage<String> {
    private static final long serialVersionUID = 1L;

    /** One split; its hosts are where the task would read locally. */
    record SplitPartition(int index, FileSplit split) implements Partition {
        @Override
        public List<String> preferredHosts() {
            return split.hosts();
        }
    }

    private final transient List<SplitPartition> parts;

    TextFileLineage(List<FileSplit> splits) {
        List<SplitPartition> p = new ArrayList<>(splits.size());
        for (int i = 0; i < splits.size(); i++) {
            p.add(new SplitPartition(i, splits.get(i)));
        }
        this.parts = List.copyOf(p);
    }

    @Override
    public List<? extends Partition> partitions() {
        return parts;
    }

    @Override
    public Iterator<String> compute(Partition partition, TaskContext task) throws IOException {
        FileSplit split = ((SplitPartition) partition).split();
        Configuration conf = task.env().hadoopConf();
        boolean sampleable = task.inputSample() != null && LineRecordReader.seekable(split, conf);
        return SplitRecords.of(split, sampleable, new SplitRecords.Source<String>() {
            /** A sample's stretches are read through one stream of the file: one open, not one per stretch. */
            private FSDataInputStream shared;

            @Override
            public SplitRecords.Reader<String> open(FileSplit range) throws IOException {
                LineRecordReader reader;
                if (sampleable) {
                    if (shared == null) {
                        Path path = new Path(range.path());
                        shared = path.getFileSystem(conf).open(path);
                    }
                    reader = LineRecordReader.over(shared, range);
                } else {
                    reader = LineRecordReader.open(range, conf);
                }
                return new SplitRecords.Reader<String>() {
                    @Override
                    public String next() throws IOException {
                        return reader.next();
                    }

                    @Override
                    public long bytesRead() {
                        return Math.max(0, reader.position() - range.start());
                    }

                    @Override
                    public void close() throws IOException {
                        reader.close();
                    }
                };
            }

            @Override
            public void close() throws IOException {
                if (shared != null) {
                    shared.close();
                }
            }
        }, task);
    }
}
