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
 * input ({@link InputSample}), the stretches of it the sample reads, one after the other, through one
 * {@link Source} (which may keep the file open across them). Each reader is closed when its records run
 * out or it fails, and the source once all are read, on a failure, or when the task ends (a consumer that
 * stops early); once all are read the task's input metrics (and the sample's bytes read) are counted.
 *
 * <p>Not thread-safe: one task's thread.
 */
final class SplitRecords<T> implements Iterator<T>, AutoCloseable {
    /** A reader of one range of a file. */
    interface Reader<T> extends Closeable {
        /** The next record, or null when the range has no more. */
        T next() throws IOException;

        /** Bytes of the file this reader consumed, for the metrics. */
        long bytesRead();
    }

    /** Opens readers over ranges of the split's file, with the split's boundary rules. */
    interface Source<T> extends Closeable {
        Reader<T> open(FileSplit range) throws IOException;
    }

    private final FileSplit split;
    private final List<FileSplit> ranges;
    private final Source<T> source;
    private boolean closed;
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
    static <T> Iterator<T> of(FileSplit split, boolean sampleable, Source<T> source, TaskContext task)
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
        SplitRecords<T> records = new SplitRecords<>(split, ranges, source, task);
        task.resources().closeAtEnd(records);
        return records;
    }

    private SplitRecords(FileSplit split, List<FileSplit> ranges, Source<T> source, TaskContext task)
            throws IOException {
        this.split = split;
        this.ranges = ranges;
        this.source = source;
        this.task = task;
        try {
            // The first range opens now, so a missing file fails the compute, not the first hasNext.
            this.reader = source.open(ranges.get(nextRange++));
        } catch (IOException | RuntimeException e) {
            closeQuietly(e);
            throw e;
        }
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
                    reader = source.open(ranges.get(nextRange++));
                }
            }
            close();
            task.metrics().input(bytes, records);
            if (task.inputSample() != null) {
                task.inputSample().record(bytes, split.length());
            }
            return null;
        } catch (IOException e) {
            closeQuietly(e);
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the open reader, if any, and the source; harmless once closed. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Reader<T> open = reader;
        reader = null;
        try {
            if (open != null) {
                open.close();
            }
        } finally {
            source.close();
        }
    }

    private void closeQuietly(Exception failure) {
        try {
            close();
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
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
