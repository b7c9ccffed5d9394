package dev.spindle.shuffle;

import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * The shuffle file format. One map task writes one data file, its reduce partitions' records one
 * after another, and one index file of {@code N + 1} big-endian longs: the offset of each partition
 * in the data file, then the data file's length. Partition {@code r} is bytes
 * {@code [index[r], index[r+1])}; an empty partition has equal offsets.
 */
public final class ShuffleFiles {
    private ShuffleFiles() {
    }

    public static File indexFileOf(File dataFile) {
        return new File(dataFile.getPath() + ".index");
    }

    static void writeIndex(File indexFile, long[] lengths) throws IOException {
        File tmp = new File(indexFile.getPath() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(tmp.toPath())))) {
            long offset = 0;
            out.writeLong(0);
            for (long len : lengths) {
                offset += len;
                out.writeLong(offset);
            }
        }
        Files.move(tmp.toPath(), indexFile.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code [offset, length]} of one reduce partition, from the index file. */
    public static long[] segment(File dataFile, int partition) throws IOException {
        try (RandomAccessFile idx = new RandomAccessFile(indexFileOf(dataFile), "r")) {
            long entries = idx.length() / 8;
            if (partition < 0 || partition + 1 >= entries) {
                throw new IOException("shuffle index " + indexFileOf(dataFile) + " has no partition " + partition);
            }
            idx.seek(8L * partition);
            long start = idx.readLong();
            long end = idx.readLong();
            return new long[]{start, end - start};
        }
    }

    /**
     * A stream over one partition's bytes of a local data file that fails at its end unless they are
     * the {@code expectedLength} bytes with the writer's CRC32C. Unbuffered: read it in blocks.
     */
    public static InputStream openVerifiedSegment(File dataFile, long offset, long length, long expectedLength,
                                                  long expectedChecksum, String what) throws IOException {
        FileChannel ch = FileChannel.open(dataFile.toPath());
        ch.position(offset);
        InputStream raw = new BoundedInputStream(Channels.newInputStream(ch), length);
        return new VerifyingInputStream(raw, expectedLength, expectedChecksum, what);
    }

    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
