package dev.spindle.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.SplitCompressionInputStream;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the lines of one split with Hadoop's semantics: {@code \n}, {@code \r} and {@code \r\n} end a
 * line (the terminator is not part of it); a split that does not start at 0 skips the line it starts
 * in; a split reads every line that starts at or before its end, finishing the last one past the end.
 * So every line of a file is read exactly once, whichever split boundaries fall inside it. Lines are
 * decoded as UTF-8. bzip2 files are split at their block markers: there positions are those of the
 * compressed stream, which move a block at a time, and a split whose last block ends inside a
 * {@code \r} not followed by {@code \n} reads one line more, which the next split skips. Other
 * compressed files (gzip) are read whole.
 *
 * <p>Not thread-safe: one reader per task.
 */
public final class LineRecordReader implements Closeable {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final long end;
    private final byte[] buf = new byte[BUFFER];
    private int bufLen;
    private int bufPos;
    private byte[] line = new byte[256];
    private int lineLen;
    private long pos;
    private boolean eof;
    /** Set for a bzip2 split: its positions are the compressed stream's. */
    private final SplitCompressionInputStream compressedSplit;
    private boolean needAdditionalLine;
    private boolean finished;

    LineRecordReader(InputStream in, long start, long end) throws IOException {
        this(in, start, end, null);
    }

    private LineRecordReader(InputStream in, long start, long end, SplitCompressionInputStream compressedSplit)
            throws IOException {
        this.in = in;
        this.end = end;
        this.pos = start;
        this.compressedSplit = compressedSplit;
        if (compressedSplit != null && compressedSplit.getPos() > end) {
            finished = true;
        }
        if (start != 0) {
            // The line this split starts in belongs to the split before (which reads through its end).
            pos += readLine(false);
        }
    }

    /**
     * Reads the lines of bytes {@code [start, end]} of a stream already positioned at {@code start}, with
     * the same boundary rules as a split of a file.
     */
    public static LineRecordReader over(InputStream in, long start, long end) throws IOException {
        return new LineRecordReader(in, start, end);
    }

    /**
     * Reads the lines of {@code range} of an uncompressed file from {@code in}, an open stream of that file
     * which the caller keeps: seeks it to the range's start, and {@link #close} leaves it open, so several
     * ranges of one file are read through one stream.
     */
    public static LineRecordReader over(FSDataInputStream in, FileSplit range) throws IOException {
        in.seek(range.start());
        return new LineRecordReader(new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // The caller's stream: it closes it.
            }
        }, range.start(), range.end());
    }

    /**
     * Whether any byte range of the split's file can be read on its own (an uncompressed file), as a
     * sample's stretches are.
     */
    public static boolean seekable(FileSplit split, Configuration conf) {
        return new CompressionCodecFactory(conf).getCodec(new Path(split.path())) == null;
    }

    /** Opens a reader over {@code split}, decompressing when the file's name names a codec. */
    public static LineRecordReader open(FileSplit split, Configuration conf) throws IOException {
        Path path = new Path(split.path());
        FileSystem fs = path.getFileSystem(conf);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
        FSDataInputStream raw = fs.open(path);
        if (codec instanceof SplittableCompressionCodec splittable) {
            SplitCompressionInputStream cin = splittable.createInputStream(raw, CodecPool.getDecompressor(codec),
                    split.start(), split.end(), SplittableCompressionCodec.READ_MODE.BYBLOCK);
            return new LineRecordReader(cin, cin.getAdjustedStart(), cin.getAdjustedEnd(), cin);
        }
        if (codec != null) {
            // Non-splittable: the split is the whole file.
            return new LineRecordReader(codec.createInputStream(raw), 0, Long.MAX_VALUE);
        }
        raw.seek(split.start());
        return new LineRecordReader(raw, split.start(), split.end());
    }

    /** The next line, or null when the split has no more. */
    public String next() throws IOException {
        if (eof) {
            return null;
        }
        if (compressedSplit != null) {
            boolean pastEnd = compressedSplit.getPos() > end;
            if (finished || (pastEnd && !needAdditionalLine)) {
                return null;
            }
            // At most one line once the stream has reported the split's end.
            finished = pastEnd;
        } else if (pos > end) {
            return null;
        }
        int consumed = readLine(true);
        if (consumed == 0) {
            eof = true;
            return null;
        }
        pos += consumed;
        return new String(line, 0, lineLen, StandardCharsets.UTF_8);
    }

    /** Bytes of the file consumed so far (for uncompressed files, the position in the file). */
    public long position() {
        return pos;
    }

    /** Reads one line into {@code line} (when {@code keep}); returns the bytes consumed, terminator included. */
    private int readLine(boolean keep) throws IOException {
        lineLen = 0;
        int consumed = 0;
        boolean sawCr = false;
        while (true) {
            if (bufPos >= bufLen) {
                bufLen = in.read(buf, 0, buf.length);
                bufPos = 0;
                if (bufLen <= 0) {
                    bufLen = 0;
                    return consumed;
                }
                if (sawCr && compressedSplit != null) {
                    // The split's last block ended inside \r: unless \n follows, the next split will
                    // skip the line after it, so this split must read it.
                    needAdditionalLine = buf[0] != '\n';
                }
            }
            if (sawCr) {
                // A \r ends the line; a \n right after it belongs to the same terminator.
                if (buf[bufPos] == '\n') {
                    bufPos++;
                    consumed++;
                }
                return consumed;
            }
            int startPos = bufPos;
            while (bufPos < bufLen) {
                byte b = buf[bufPos];
                if (b == '\n' || b == '\r') {
                    break;
                }
                bufPos++;
            }
            int n = bufPos - startPos;
            if (keep && n > 0) {
                append(startPos, n);
            }
            consumed += n;
            if (bufPos < bufLen) {
                byte terminator = buf[bufPos++];
                consumed++;
                if (terminator == '\n') {
                    return consumed;
                }
                sawCr = true;
            }
        }
    }

    private void append(int from, int n) {
        if (lineLen + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
        }
        System.arraycopy(buf, from, line, lineLen, n);
        lineLen += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
