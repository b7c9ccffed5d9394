package dev.spindle.bench.data;

import dev.spindle.examples.GenRecords;

import java.io.IOException;
import java.io.OutputStream;

/**
 * 100-byte records in the layout of Hadoop's TeraGen, for Sort: a 10-byte random key, bytes
 * {@code 00 11}, the row number in 32 upper-case hex digits, {@code 88 99 AA BB}, 48 bytes of letters,
 * {@code CC DD EE FF}. The rows are the {@code GenRecords} example's ({@link GenRecords#record}): row
 * {@code i} depends only on the seed and {@code i}, so any split of the rows into parts gives the same
 * records.
 *
 * <p>Stateless and thread-safe.
 */
public final class TeraRecords {
    public static final int RECORD = GenRecords.RECORD;
    public static final int KEY = GenRecords.KEY;

    private TeraRecords() {
    }

    /** Writes rows {@code [first, first + rows)}; adds each record to {@code digest} when not null. */
    public static void writeRows(OutputStream out, long first, long rows, long seed, Digest.Builder digest)
            throws IOException {
        byte[] buf = new byte[RECORD * 1024];
        byte[] r = new byte[RECORD];
        int filled = 0;
        for (long row = first; row < first + rows; row++) {
            GenRecords.record(row, seed, r);
            if (digest != null) {
                digest.add(r);
            }
            System.arraycopy(r, 0, buf, filled, RECORD);
            filled += RECORD;
            if (filled == buf.length) {
                out.write(buf, 0, filled);
                filled = 0;
            }
        }
        out.write(buf, 0, filled);
    }

    /** Unsigned comparison of the keys of two records. */
    public static int compareKeys(byte[] a, int aOff, byte[] b, int bOff) {
        return java.util.Arrays.compareUnsigned(a, aOff, aOff + KEY, b, bOff, bOff + KEY);
    }
}
