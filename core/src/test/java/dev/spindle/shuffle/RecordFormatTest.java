package dev.spindle.shuffle;

import dev.spindle.Pair;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordFormatTest {
    private static final Object END = new Object();

    private static byte[] write(Object... values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordWriter w = new RecordWriter(out);
        for (Object v : values) {
            w.write(v);
        }
        w.flush();
        assertEquals(out.size(), w.written());
        return out.toByteArray();
    }

    private static List<Object> readAll(byte[] bytes) throws IOException {
        RecordReader r = new RecordReader(new ByteArrayInputStream(bytes), RecordFormatTest.class.getClassLoader());
        List<Object> out = new ArrayList<>();
        for (Object v; (v = r.readOrEnd(END)) != END; ) {
            out.add(v);
        }
        return out;
    }

    @Test
    void everyTypeRoundTrips() throws IOException {
        List<Object> values = Arrays.asList(null, "", "word", "ünïcödé 日本 😀", 0, -1, Integer.MIN_VALUE,
                Integer.MAX_VALUE, 0L, Long.MIN_VALUE, Long.MAX_VALUE, 3.25, Double.NaN, -0.0, true, false,
                Pair.of("k", 1L), Pair.of(Pair.of(1, 2), null), List.of("a", 1, List.of()), LocalDate.of(2026, 11, 22),
                "x".repeat(100_000));
        assertEquals(values, readAll(write(values.toArray())));
        byte[] blob = {0, -1, 127, -128};
        assertArrayEquals(blob, (byte[]) readAll(write((Object) blob)).get(0));
    }

    @Test
    void theFormIsCompact() throws IOException {
        assertEquals(1 + 1 + 4, write("word").length, "tag, length, bytes");
        assertEquals(1 + 1, write(1L).length, "small numbers are one byte");
        assertEquals(1 + (1 + 1 + 4) + (1 + 1), write(Pair.of("word", 1L)).length);
    }

    @Test
    void truncatedAndCorruptStreamsAreRefused() throws IOException {
        byte[] full = write("a longer string");
        byte[] cut = Arrays.copyOf(full, full.length - 3);
        assertThrows(EOFException.class, () -> readAll(cut));
        IOException e = assertThrows(IOException.class, () -> readAll(new byte[]{42}));
        assertTrue(e.getMessage().contains("unknown tag 42"), e.getMessage());
    }

    @Test
    void recordsLongerThanTheBuffersAndStreamsGivingAByteAtATimeRoundTrip() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            big.append((char) ('a' + i % 26));
        }
        java.util.List<Object> values = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            values.add(Pair.of("k" + i, (long) i * 1_000_003L));
            if (i % 1000 == 0) {
                values.add(big.toString());
                values.add(new byte[9000]);
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        RecordWriter w = new RecordWriter(out);
        for (Object v : values) {
            w.write(v);
        }
        w.flush();
        assertEquals(out.size(), w.written());
        // A stream that hands out one byte per read, as a slow socket may.
        java.io.InputStream trickle = new java.io.FilterInputStream(new java.io.ByteArrayInputStream(out.toByteArray())) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        RecordReader r = new RecordReader(trickle, getClass().getClassLoader());
        Object end = new Object();
        for (Object v : values) {
            Object got = r.readOrEnd(end);
            if (v instanceof byte[] b) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(b, (byte[]) got);
            } else {
                assertEquals(v, got);
            }
        }
        org.junit.jupiter.api.Assertions.assertSame(end, r.readOrEnd(end));
    }
}
