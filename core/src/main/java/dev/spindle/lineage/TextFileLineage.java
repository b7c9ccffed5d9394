package dev.spindle.lineage;

import dev.spindle.hdfs.FileSplit;
import dev.spindle.hdfs.LineRecordReader;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The lines of text files, one partition per input split; the reader closes when the lines run out. */
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
        LineRecordReader reader = LineRecordReader.open(split, task.env().hadoopConf());
        return new Iterator<>() {
            private long records;
            private String next = advance();

            private String advance() {
                try {
                    String line = reader.next();
                    if (line == null) {
                        reader.close();
                        task.metrics().input(Math.max(0, reader.position() - split.start()), records);
                    } else {
                        records++;
                    }
                    return line;
                } catch (IOException e) {
                    try {
                        reader.close();
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public String next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                String out = next;
                next = advance();
                return out;
            }
        };
    }
}
