package dev.spindle.lineage;

import dev.spindle.hdfs.FileSplit;
import dev.spindle.hdfs.FixedLengthRecordReader;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Fixed-length binary records of files, one partition per input split. A task that samples its input
 * reads stretches of large splits ({@link SplitRecords}), each from its first whole record.
 */
final class BinaryRecordsLineage extends Lineage<byte[]> {
    private static final long serialVersionUID = 1L;

    record SplitPartition(int index, FileSplit split, long fileLength) implements Partition {
        @Override
        public List<String> preferredHosts() {
            return split.hosts();
        }
    }

    private final int recordLength;
    private final transient List<SplitPartition> parts;

    BinaryRecordsLineage(List<FileSplit> splits, List<Long> fileLengths, int recordLength) {
        this.recordLength = recordLength;
        List<SplitPartition> p = new ArrayList<>(splits.size());
        for (int i = 0; i < splits.size(); i++) {
            p.add(new SplitPartition(i, splits.get(i), fileLengths.get(i)));
        }
        this.parts = List.copyOf(p);
    }

    @Override
    public List<? extends Partition> partitions() {
        return parts;
    }

    @Override
    public Iterator<byte[]> compute(Partition partition, TaskContext task) throws IOException {
        SplitPartition p = (SplitPartition) partition;
        Path path = new Path(p.split().path());
        // One stream of the file for all the ranges read (a sample's stretches): one open, not one per stretch.
        FSDataInputStream in = path.getFileSystem(task.env().hadoopConf()).open(path);
        return SplitRecords.of(p.split(), true, new SplitRecords.Source<byte[]>() {
            @Override
            public SplitRecords.Reader<byte[]> open(FileSplit range) throws IOException {
                FixedLengthRecordReader reader = FixedLengthRecordReader.over(in, range, recordLength, p.fileLength());
                return new SplitRecords.Reader<byte[]>() {
                    private long records;

                    @Override
                    public byte[] next() throws IOException {
                        byte[] r = reader.next();
                        if (r != null) {
                            records++;
                        }
                        return r;
                    }

                    @Override
                    public long bytesRead() {
                        return records * recordLength;
                    }

                    @Override
                    public void close() throws IOException {
                        reader.close();
                    }
                };
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        }, task);
    }
}
