package dev.spindle.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;

/**
 * Reads fixed-length binary records from one split: the split owns the records that start inside
 * it, so splits need not fall on record boundaries. A file whose length is not a multiple of the
 * record length is refused rather than read with a torn last record.
 *
 * <p>Not thread-safe: one reader per task.
 */
public final class FixedLengthRecordReader implements Closeable {
    private final FSDataInputStream in;
    private final int recordLength;
    private final long end;
    private long next;

    private FixedLengthRecordReader(FSDataInputStream in, int recordLength, long firstRecord, long end) {
        this.in = in;
        this.recordLength = recordLength;
        this.next = firstRecord;
        this.end = end;
    }

    public static FixedLengthRecordReader open(FileSplit split, int recordLength, long fileLength, Configuration conf)
            throws IOException {
        if (recordLength < 1) {
            throw new IllegalArgumentException("record length must be at least 1, not " + recordLength);
        }
        if (fileLength % recordLength != 0) {
            throw new InputException(split.path() + " is " + fileLength + " bytes long, not a whole number of "
                    + recordLength + "-byte records");
        }
        Path path = new Path(split.path());
        FSDataInputStream in = path.getFileSystem(conf).open(path);
        long first = firstRecordAtOrAfter(split.start(), recordLength);
        in.seek(Math.min(first, fileLength));
        return new FixedLengthRecordReader(in, recordLength, first, Math.min(split.end(), fileLength));
    }

    static long firstRecordAtOrAfter(long offset, int recordLength) {
        return (offset + recordLength - 1) / recordLength * recordLength;
    }

    /** The next record, or null when the split has no more. */
    public byte[] next() throws IOException {
        if (next >= end) {
            return null;
        }
        byte[] record = new byte[recordLength];
        try {
            in.readFully(record);
        } catch (EOFException e) {
            throw new InputException("record at byte " + next + " is cut short");
        }
        next += recordLength;
        return record;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
