package dev.spindle.lineage;

import dev.spindle.hdfs.FileSplit;
import dev.spindle.task.InputSample;
import dev.spindle.task.TaskContext;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The records of one input split as an iterator: the whole split, or, when the task only samples its
 * input ({@link InputSample}), the stretches of it the sample reads, one after the other. Each reader
 * is closed when its records run out or it fails; once all are read the task's input metrics (and the
 * sample's bytes read) are counted.
 *
 * <p>Not thread-safe: one task's thread.
 */
final class SplitRecords<T> implements Iterator<T> {
    /** A reader of one range of a file. */
    interface Reader<T> extends Closeable {
        /** The next record, or null when the range has no more. */
        T next() throws IOException;

        /** Bytes of the file this reader consumed, for the metrics. */
        long bytesRead();
    }

    /** Opens a reader over a range of the file, with the split's boundary rules. */
    @FunctionalInterface
    interface Opener<T> {
        Reader<T> open(FileSplit range) throws IOException;
    }

    private final FileSplit split;
    private final List<FileSplit> ranges;
    private final Opener<T> opener;
    private final TaskContext task;
    private int nextRange;
    private Reader<T> reader;
    private long bytes;
    private long records;
    private T next;

    /**
     * @param sampleable whether the split can be read in stretches (an uncompressed file): when false
     *                   a sampling task reads it whole
     */
    static <T> Iterator<T> of(FileSplit split, boolean sampleable, Opener<T> opener, TaskContext task)
            throws IOException {
        InputSample sample = task.inputSample();
        List<FileSplit> ranges = new ArrayList<>();
        if (sample != null && sampleable) {
            for (InputSample.Stretch s : sample.stretches(split.start(), split.length())) {
                ranges.add(new FileSplit(split.path(), s.start(), s.length(), split.hosts()));
            }
        }
        if (ranges.isEmpty()) {
            ranges.add(split);
        }
        return new SplitRecords<>(split, ranges, opener, task);
    }

    private SplitRecords(FileSplit split, List<FileSplit> ranges, Opener<T> opener, TaskContext task)
            throws IOException {
        this.split = split;
        this.ranges = ranges;
        this.opener = opener;
        this.task = task;
        // The first range opens now, so a missing file fails the compute, not the first hasNext.
        this.reader = opener.open(ranges.get(nextRange++));
        this.next = advance();
    }

    private T advance() {
        try {
            while (reader != null) {
                T r = reader.next();
                if (r != null) {
                    records++;
                    return r;
                }
                Reader<T> done = reader;
                reader = null;
                bytes += done.bytesRead();
                done.close();
                if (nextRange < ranges.size()) {
                    reader = opener.open(ranges.get(nextRange++));
                }
            }
            task.metrics().input(bytes, records);
            if (task.inputSample() != null) {
                task.inputSample().record(bytes, split.length());
            }
            return null;
        } catch (IOException e) {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                reader = null;
            }
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public T next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        T out = next;
        next = advance();
        return out;
    }
}
