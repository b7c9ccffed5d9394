package dev.spindle.bench.data;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Checksums of a job's output directory, to tell a right answer from a wrong one whatever system
 * wrote it: only its {@code part-*} files count (each system leaves other files: {@code _SUCCESS},
 * TeraSort's {@code _partition.lst}), read in name order.
 *
 * <p>Stateless and thread-safe.
 */
public final class OutputChecksum {
    private OutputChecksum() {
    }

    /** The output is not what the job should have written. */
    public static final class BadOutputException extends IOException {
        private static final long serialVersionUID = 1L;

        public BadOutputException(String message) {
            super(message);
        }
    }

    /** The part files of {@code dir}, in name order; fails when there are none. */
    public static List<Path> parts(FileSystem fs, Path dir) throws IOException {
        if (!fs.exists(dir)) {
            throw new BadOutputException("output " + dir + " does not exist");
        }
        List<Path> out = new ArrayList<>();
        FileStatus[] files = fs.listStatus(dir, p -> p.getName().startsWith("part-"));
        Arrays.sort(files, Comparator.comparing(f -> f.getPath().getName()));
        for (FileStatus f : files) {
            out.add(f.getPath());
        }
        if (out.isEmpty()) {
            throw new BadOutputException("output " + dir + " has no part files");
        }
        return out;
    }

    /** The digest of the lines (without their {@code \n}) of the part files of {@code dir}. */
    public static Digest lines(FileSystem fs, Path dir) throws IOException {
        Digest.Builder d = new Digest.Builder();
        for (Path p : parts(fs, dir)) {
            try (InputStream in = fs.open(p)) {
                lines(in, d);
            }
        }
        return d.build();
    }

    /** Adds the lines of {@code in} to {@code d}; a last line with no newline counts too. */
    public static void lines(InputStream in, Digest.Builder d) throws IOException {
        byte[] buf = new byte[1 << 16];
        byte[] line = new byte[1024];
        int len = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    d.add(line, 0, len);
                    len = 0;
                } else {
                    if (len == line.length) {
                        line = Arrays.copyOf(line, len * 2);
                    }
                    line[len++] = b;
                }
            }
        }
        if (len > 0) {
            d.add(line, 0, len);
        }
    }

    /**
     * The digest of the fixed-length records of the part files of {@code dir}, checking that they
     * are in key order across the files; fails on a record out of order or a partial record.
     */
    public static Digest sortedRecords(FileSystem fs, Path dir) throws IOException {
        Digest.Builder d = new Digest.Builder();
        byte[] previous = null;
        for (Path p : parts(fs, dir)) {
            try (InputStream in = fs.open(p)) {
                previous = sortedRecords(in, p.getName(), previous, d);
            }
        }
        return d.build();
    }

    /**
     * Adds the records of {@code in} to {@code d}, checking each key is not below the one before
     * ({@code previous}, null at the start); returns the last record.
     */
    public static byte[] sortedRecords(InputStream in, String name, byte[] previous, Digest.Builder d)
            throws IOException {
        int len = TeraRecords.RECORD;
        byte[] cur = new byte[len];
        long index = 0;
        while (true) {
            int got = in.readNBytes(cur, 0, len);
            if (got == 0) {
                return previous;
            }
            if (got < len) {
                throw new BadOutputException(name + " ends with a partial record of " + got + " bytes");
            }
            if (previous != null && TeraRecords.compareKeys(previous, 0, cur, 0) > 0) {
                throw new BadOutputException("record " + index + " of " + name + " is out of key order");
            }
            d.add(cur);
            previous = previous == null ? new byte[len] : previous;
            System.arraycopy(cur, 0, previous, 0, len);
            index++;
        }
    }
}
