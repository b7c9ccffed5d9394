package dev.spindle.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads fixed-length binary records from one split: the split owns the records that start inside
 * it, so splits need not fall on record boundaries. A file whose length is not a multiple of the
 * record length is refused rather than read with a torn last record. Records are cut from a buffer
 * filled by large reads: a read of one record at a time from HDFS costs its client's bookkeeping per
 * call, which profiles of Sort showed as a fifth of a map task's time.
 *
 * <p>Not thread-safe: one reader per task.
 */
public final class FixedLengthRecordReader implements Closeable {
    /** Bytes read from the file at a time (at least one record's). */
    static final int BUFFER_BYTES = 64 * 1024;

    private final FSDataInputStream in;
    /** Whether {@link #close} closes the stream: not when the caller lent it ({@link #over}). */
    private final boolean ownsStream;
    private final int recordLength;
    private final long end;
    /** Where the last record this split owns ends: reads stop there. */
    private final long stop;
    private final byte[] buffer;
    private long next;
    /** The file offset of {@code buffer[0]}; {@code buffer[0..filled)} holds file bytes. */
    private long bufferStart;
    private int filled;

    private FixedLengthRecordReader(FSDataInputStream in, boolean ownsStream, int recordLength, long firstRecord,
                                    long end, long stop, int bufferBytes) {
        this.in = in;
        this.ownsStream = ownsStream;
        this.recordLength = recordLength;
        this.next = firstRecord;
        this.end = end;
        this.stop = stop;
        this.buffer = new byte[Math.max(recordLength, bufferBytes / recordLength * recordLength)];
        this.bufferStart = firstRecord;
    }

    public static FixedLengthRecordReader open(FileSplit split, int recordLength, long fileLength, Configuration conf)
            throws IOException {
        return open(split, recordLength, fileLength, conf, BUFFER_BYTES);
    }

    static FixedLengthRecordReader open(FileSplit split, int recordLength, long fileLength, Configuration conf,
                                        int bufferBytes) throws IOException {
        check(split, recordLength, fileLength);
        Path path = new Path(split.path());
        FSDataInputStream in = path.getFileSystem(conf).open(path);
        try {
            return at(in, true, split, recordLength, fileLength, bufferBytes);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads the records of {@code range} from {@code in}, an open stream of its file that the caller keeps
     * (seeks it to the range's first whole record; {@link #close} leaves it open): several ranges of one
     * file read through one stream.
     */
    public static FixedLengthRecordReader over(FSDataInputStream in, FileSplit range, int recordLength, long fileLength)
            throws IOException {
        check(range, recordLength, fileLength);
        return at(in, false, range, recordLength, fileLength, BUFFER_BYTES);
    }

    private static void check(FileSplit split, int recordLength, long fileLength) throws InputException {
        if (recordLength < 1) {
            throw new IllegalArgumentException("record length must be at least 1, not " + recordLength);
        }
        if (fileLength % recordLength != 0) {
            throw new InputException(split.path() + " is " + fileLength + " bytes long, not a whole number of "
                    + recordLength + "-byte records");
        }
    }

    private static FixedLengthRecordReader at(FSDataInputStream in, boolean owns, FileSplit split, int recordLength,
                                              long fileLength, int bufferBytes) throws IOException {
        long first = firstRecordAtOrAfter(split.start(), recordLength);
        long end = Math.min(split.end(), fileLength);
        in.seek(Math.min(first, fileLength));
        return new FixedLengthRecordReader(in, owns, recordLength, first, end,
                Math.min(firstRecordAtOrAfter(end, recordLength), fileLength), bufferBytes);
    }

    static long firstRecordAtOrAfter(long offset, int recordLength) {
        return (offset + recordLength - 1) / recordLength * recordLength;
    }

    /** The next record, or null when the split has no more. */
    public byte[] next() throws IOException {
        if (next >= end) {
            return null;
        }
        if (next + recordLength > bufferStart + filled) {
            fill();
        }
        int at = (int) (next - bufferStart);
        byte[] record = Arrays.copyOfRange(buffer, at, at + recordLength);
        next += recordLength;
        return record;
    }

    /** Refills the buffer with whole records from {@code next} on, as many as fit before {@link #stop}. */
    private void fill() throws IOException {
        int want = (int) Math.min(buffer.length, stop - next);
        int got = 0;
        while (got < want) {
            int n = in.read(buffer, got, want - got);
            if (n < 0) {
                // The file shrank after it was listed: name the first record that is not whole.
                throw new InputException("record at byte " + (next + (long) (got / recordLength) * recordLength)
                        + " is cut short");
            }
            got += n;
        }
        bufferStart = next;
        filled = want;
    }

    @Override
    public void close() throws IOException {
        if (ownsStream) {
            in.close();
        }
    }
}
