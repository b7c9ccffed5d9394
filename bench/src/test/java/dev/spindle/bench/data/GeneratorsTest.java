package dev.spindle.bench.data;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorsTest {

    private static byte[] text(long seed, int part, long bytes, long[] counts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ZipfText(seed, 5000).writePart(out, bytes, part, counts);
        return out.toByteArray();
    }

    @Test
    void sameSeedAndPartGiveTheSameText() throws Exception {
        assertArrayEquals(text(42, 3, 200_000, null), text(42, 3, 200_000, null));
        assertFalse(java.util.Arrays.equals(text(42, 3, 200_000, null), text(43, 3, 200_000, null)), "seed matters");
        assertFalse(java.util.Arrays.equals(text(42, 3, 200_000, null), text(42, 4, 200_000, null)), "part matters");
    }

    @Test
    void textIsWholeLinesWithinTheSizeAndItsCountsAreTheRightAnswer() throws Exception {
        ZipfText gen = new ZipfText(7, 5000);
        long[] counts = new long[gen.vocabularySize()];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = gen.writePart(out, 300_000, 0, counts);
        byte[] bytes = out.toByteArray();
        assertEquals(written, bytes.length);
        assertTrue(bytes.length <= 300_000 && bytes.length > 299_000, "fills the size: " + bytes.length);
        assertEquals('\n', bytes[bytes.length - 1]);

        Map<String, Long> actual = new HashMap<>();
        for (String line : new String(bytes, StandardCharsets.US_ASCII).split("\n")) {
            for (String w : line.split(" ")) {
                assertFalse(w.isEmpty(), "one space between words");
                actual.merge(w, 1L, Long::sum);
            }
        }
        assertEquals(actual, gen.countsByWord(counts));
    }

    @Test
    void wordFrequenciesFollowZipf() throws Exception {
        ZipfText gen = new ZipfText(1, 5000);
        long[] counts = new long[gen.vocabularySize()];
        gen.writePart(OutputStreamSink.INSTANCE, 2_000_000, 0, counts);
        // Exponent 1: the most frequent word about twice the second, ten times the tenth.
        double r2 = (double) counts[0] / counts[1];
        double r10 = (double) counts[0] / counts[9];
        assertTrue(r2 > 1.7 && r2 < 2.3, "first/second = " + r2);
        assertTrue(r10 > 8 && r10 < 12, "first/tenth = " + r10);
    }

    @Test
    void recordsHaveTheTeraGenLayoutAndDependOnlyOnSeedAndRow() throws Exception {
        byte[] r = new byte[TeraRecords.RECORD];
        dev.spindle.examples.GenRecords.record(255, 42, r);
        assertEquals("000000000000000000000000000000FF",
                new String(r, 12, 32, StandardCharsets.US_ASCII));
        for (long row : new long[]{0, 9, 0xABCDEFL, Long.MAX_VALUE}) {
            dev.spindle.examples.GenRecords.record(row, 42, r);
            assertEquals(String.format("%032X", row), new String(r, 12, 32, StandardCharsets.US_ASCII));
        }
        assertEquals(0x00, r[10]);
        assertEquals(0x11, r[11]);
        assertEquals((byte) 0x88, r[44]);
        assertEquals((byte) 0xFF, r[99]);

        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        TeraRecords.writeRows(whole, 0, 3000, 42, null);
        ByteArrayOutputStream split = new ByteArrayOutputStream();
        TeraRecords.writeRows(split, 0, 1234, 42, null);
        TeraRecords.writeRows(split, 1234, 3000 - 1234, 42, null);
        assertArrayEquals(whole.toByteArray(), split.toByteArray(), "any split of the rows, the same bytes");
        assertEquals(300_000, whole.size());

        ByteArrayOutputStream other = new ByteArrayOutputStream();
        TeraRecords.writeRows(other, 0, 3000, 43, null);
        assertFalse(java.util.Arrays.equals(whole.toByteArray(), other.toByteArray()), "seed matters");
    }

    /** Discards what is written. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    @Test
    void pageRankCountsDuplicateLinksOnceAndRanksOnlyPagesWithIncomingLinks() {
        // 0 -> 1 (twice), 0 -> 2, 1 -> 2, 2 -> 0, 3 -> 2: page 3 has no incoming link, so no rank.
        int[][] links = {{0, 0, 0, 1, 2, 3}, {1, 1, 2, 2, 0, 2}};
        double[] ranks = LinksAndOrders.pageRank(links, 1);
        assertEquals(4, ranks.length);
        assertEquals(0.15 + 0.85 * 1.0, ranks[0], 1e-12);
        assertEquals(0.15 + 0.85 * 0.5, ranks[1], 1e-12);
        assertEquals(0.15 + 0.85 * (0.5 + 1.0 + 1.0), ranks[2], 1e-12);
        assertTrue(Double.isNaN(ranks[3]), "a page nobody links to has no rank");
        // A second iteration starts only from ranked pages: page 3's share is gone.
        double[] two = LinksAndOrders.pageRank(links, 2);
        assertEquals(0.15 + 0.85 * (ranks[0] / 2 + ranks[1]), two[2], 1e-12);
    }

    @Test
    void ordersSplitOverFilesAndTheReportTotalsWhatWasWritten() throws Exception {
        java.util.List<String> customers = LinksAndOrders.customers(100);
        ByteArrayOutputStream[] parts = {new ByteArrayOutputStream(), new ByteArrayOutputStream(),
            new ByteArrayOutputStream()};
        java.util.List<String> report = LinksAndOrders.writeOrders(50_000, customers, 9, 3, f -> parts[f]);
        Map<String, String> country = new HashMap<>();
        customers.forEach(c -> country.put(c.split(",")[0], c.split(",")[2]));
        Map<String, long[]> totals = new java.util.TreeMap<>();
        long lines = 0;
        for (ByteArrayOutputStream part : parts) {
            assertTrue(part.size() > 0, "every file gets orders");
            for (String line : part.toString(StandardCharsets.US_ASCII).split("\n")) {
                String[] f = line.split(",");
                long[] t = totals.computeIfAbsent(country.getOrDefault(f[1], "(unknown customer)"), k -> new long[2]);
                t[0]++;
                t[1] += Long.parseLong(f[2]);
                lines++;
            }
        }
        assertEquals(50_000 / 24, lines);
        assertTrue(totals.containsKey("(unknown customer)"), "some orders name customers that do not exist");
        java.util.List<String> expected = new java.util.ArrayList<>();
        totals.forEach((k, v) -> expected.add(k + "\t" + v[0] + "\t" + v[1]));
        assertEquals(expected, report);
    }
}
