package dev.spindle.lineage;

import dev.spindle.hdfs.FileSplit;
import dev.spindle.hdfs.FixedLengthRecordReader;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Fixed-length binary records of files, one partition per input split. */
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
        FixedLengthRecordReader reader = FixedLengthRecordReader.open(p.split(), recordLength, p.fileLength(),
                task.env().hadoopConf());
        return new Iterator<>() {
            private long records;
            private byte[] next = advance();

            private byte[] advance() {
                try {
                    byte[] r = reader.next();
                    if (r == null) {
                        reader.close();
                        task.metrics().input(records * recordLength, records);
                    } else {
                        records++;
                    }
                    return r;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public byte[] next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                byte[] out = next;
                next = advance();
                return out;
            }
        };
    }
}
