package dev.spindle.bench.data;

import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;

/**
 * 100-byte records in the layout of Hadoop's TeraGen, for Sort: a 10-byte random key, bytes
 * {@code 00 11}, the row number in 32 upper-case hex digits, {@code 88 99 AA BB}, 48 bytes of letters,
 * {@code CC DD EE FF}. Row {@code i} depends only on the seed and {@code i} (the same rows as the
 * {@code GenRecords} example writes), so any split of the rows into parts gives the same records.
 *
 * <p>Stateless and thread-safe.
 */
public final class TeraRecords {
    public static final int RECORD = 100;
    public static final int KEY = 10;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private TeraRecords() {
    }

    /** Fills {@code r} (100 bytes) with row {@code row}. */
    public static void record(long row, long seed, byte[] r) {
        SplittableRandom rnd = new SplittableRandom(seed ^ (row * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < KEY; i++) {
            r[i] = (byte) rnd.nextInt(256);
        }
        r[10] = 0x00;
        r[11] = 0x11;
        // Row number as 32 hex digits: 16 leading zeros (a long has 16), then its own 16.
        for (int i = 0; i < 16; i++) {
            r[12 + i] = '0';
            r[28 + i] = HEX[(int) (row >>> (60 - 4 * i)) & 0xf];
        }
        r[44] = (byte) 0x88;
        r[45] = (byte) 0x99;
        r[46] = (byte) 0xAA;
        r[47] = (byte) 0xBB;
        for (int i = 48; i < 96; i++) {
            r[i] = (byte) ('A' + (row + i) % 26);
        }
        r[96] = (byte) 0xCC;
        r[97] = (byte) 0xDD;
        r[98] = (byte) 0xEE;
        r[99] = (byte) 0xFF;
    }

    /** Writes rows {@code [first, first + rows)}; adds each record to {@code digest} when not null. */
    public static void writeRows(OutputStream out, long first, long rows, long seed, Digest.Builder digest)
            throws IOException {
        byte[] buf = new byte[RECORD * 1024];
        byte[] r = new byte[RECORD];
        int filled = 0;
        for (long row = first; row < first + rows; row++) {
            record(row, seed, r);
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
