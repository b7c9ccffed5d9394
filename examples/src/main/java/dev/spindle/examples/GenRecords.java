package dev.spindle.examples;

import dev.spindle.SpindleContext;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * {@code GenRecords N OUT [SEED]}: writes N records in the layout of Hadoop's TeraGen to part files
 * under OUT: 100 bytes each, a 10-byte random key, then the row number in 32 hex digits and
 * filler. Row {@code i} depends only on the seed and {@code i}, so the same N and seed give the
 * same records however the work is split.
 */
public final class GenRecords {
    public static final int RECORD = 100;
    public static final int KEY = 10;

    private GenRecords() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("usage: GenRecords N OUT [SEED]");
        }
        long n = Long.parseLong(args[0]);
        long seed = args.length == 3 ? Long.parseLong(args[2]) : 42L;
        try (SpindleContext sc = new SpindleContext()) {
            int slices = (int) Math.max(1, Math.min(1000, n / 100_000 + 1));
            sc.range(0, n, Math.max(slices, sc.defaultParallelism())).map(i -> record(i, seed))
                    .saveAsBinaryRecords(args[1]);
            System.out.println("GenRecords wrote " + n + " records to " + args[1]);
        }
    }

    public static byte[] record(long row, long seed) {
        byte[] r = new byte[RECORD];
        record(row, seed, r);
        return r;
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /** Fills {@code r} (100 bytes) with row {@code row}, without allocating: generators call it per row. */
    public static void record(long row, long seed, byte[] r) {
        SplittableRandom rnd = new SplittableRandom(seed ^ (row * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < KEY; i++) {
            r[i] = (byte) rnd.nextInt(256);
        }
        r[10] = 0x00;
        r[11] = 0x11;
        // The row number in 32 upper-case hex digits: 16 leading zeros (a long has 16 digits), then its own.
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
}
