package dev.spindle.lineage;

import dev.spindle.hdfs.FileSplit;
import dev.spindle.hdfs.LineRecordReader;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;

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
        boolean sampleable = task.inputSample() != null && LineRecordReader.seekable(split, task.env().hadoopConf());
        return SplitRecords.of(split, sampleable, range -> {
            LineRecordReader reader = LineRecordReader.open(range, task.env().hadoopConf());
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
        }, task);
    }
}
