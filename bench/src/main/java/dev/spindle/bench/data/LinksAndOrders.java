package dev.spindle.bench.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The inputs of the PageRank and join workloads, generated from a seed, with their right answers
 * computed here in one process: a link graph ({@code pA pB} lines, a fifth of the links to a few
 * popular pages, duplicates included) and orders ({@code orderId,customerId,amount}) with customers
 * ({@code customerId,name,country}), some orders by customers that do not exist.
 *
 * <p>Not thread-safe.
 */
public final class LinksAndOrders {
    private static final String[] COUNTRIES = {"AR", "BR", "CA", "DE", "FR", "IN", "JP", "KE", "NG", "US"};
    private static final int LINK_BYTES = 14;
    private static final int ORDER_BYTES = 24;

    private LinksAndOrders() {
    }

    /** Opens the output of part {@code part}. */
    @FunctionalInterface
    public interface PartOpener {
        OutputStream open(int part) throws IOException;
    }

    /** Links of a graph of {@code bytes} or so: {@code [from, to]} page numbers. */
    public static int[][] links(long bytes, long seed) {
        int n = (int) Math.max(100, bytes / LINK_BYTES);
        int pages = Math.max(10, n / 8);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] from = new int[n];
        int[] to = new int[n];
        for (int i = 0; i < n; i++) {
            from[i] = rnd.nextInt(pages);
            to[i] = rnd.nextInt(5) == 0 ? rnd.nextInt(Math.max(1, pages / 1000)) : rnd.nextInt(pages);
        }
        return new int[][]{from, to};
    }

    /** Writes links {@code [first, last)} as lines. */
    public static void writeLinks(int[][] links, int first, int last, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int i = first; i < last; i++) {
            sb.setLength(0);
            sb.append('p').append(links[0][i]).append(" p").append(links[1][i]).append('\n');
            out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Spark's JavaPageRank over the links, in one process: the rank of every page with incoming links
     * after {@code iterations}, indexed by page number, NaN for a page without a rank. Duplicate links
     * count once, as in Spark's {@code distinct().groupByKey()}. Kept in arrays (a page's links as one
     * sorted run of an int array) so a graph of a gigabyte's links fits a few hundred megabytes of heap.
     */
    public static double[] pageRank(int[][] links, int iterations) {
        int[] from = links[0];
        int[] to = links[1];
        int pages = 0;
        for (int i = 0; i < from.length; i++) {
            pages = Math.max(pages, Math.max(from[i], to[i]) + 1);
        }
        int[] start = new int[pages + 1];
        for (int f : from) {
            start[f + 1]++;
        }
        for (int p = 0; p < pages; p++) {
            start[p + 1] += start[p];
        }
        int[] fill = Arrays.copyOf(start, pages);
        int[] dest = new int[from.length];
        for (int i = 0; i < from.length; i++) {
            dest[fill[from[i]]++] = to[i];
        }
        // Sort each page's links and keep one of each: end[p] is where page p's distinct links stop.
        int[] end = new int[pages];
        for (int p = 0; p < pages; p++) {
            Arrays.sort(dest, start[p], start[p + 1]);
            int w = start[p];
            for (int r = start[p]; r < start[p + 1]; r++) {
                if (r == start[p] || dest[r] != dest[r - 1]) {
                    dest[w++] = dest[r];
                }
            }
            end[p] = w;
        }
        double[] ranks = new double[pages];
        for (int p = 0; p < pages; p++) {
            ranks[p] = end[p] > start[p] ? 1.0 : Double.NaN;
        }
        double[] sums = new double[pages];
        boolean[] reached = new boolean[pages];
        for (int it = 0; it < iterations; it++) {
            Arrays.fill(sums, 0);
            Arrays.fill(reached, false);
            for (int p = 0; p < pages; p++) {
                if (end[p] == start[p] || Double.isNaN(ranks[p])) {
                    continue;
                }
                double share = ranks[p] / (end[p] - start[p]);
                for (int r = start[p]; r < end[p]; r++) {
                    sums[dest[r]] += share;
                    reached[dest[r]] = true;
                }
            }
            for (int p = 0; p < pages; p++) {
                ranks[p] = reached[p] ? 0.15 + 0.85 * sums[p] : Double.NaN;
            }
        }
        return ranks;
    }

    /** The customers: {@code count} of them, ids {@code c0..}. */
    public static List<String> customers(int count) {
        List<String> out = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            out.add("c" + c + ",Customer " + c + "," + COUNTRIES[c % COUNTRIES.length]);
        }
        return out;
    }

    /**
     * Orders of about {@code bytes}, written as lines to {@code files} outputs in turn (an equal share
     * each), with the join report's right answer computed as they go: customer ids up to 5 % beyond the
     * customers, one in ten by c0. Nothing is kept but the report's totals, so any size fits in memory.
     * Returns the report's lines: per country (unknown customers as {@code (unknown customer)}), sorted.
     */
    public static List<String> writeOrders(long bytes, List<String> customers, long seed, int files,
            PartOpener file) throws IOException {
        int n = (int) Math.max(100, bytes / ORDER_BYTES);
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] countryOf = new String[customers.size()];
        for (String c : customers) {
            String[] f = c.split(",");
            countryOf[Integer.parseInt(f[0].substring(1))] = f[2];
        }
        TreeMap<String, long[]> totals = new TreeMap<>();
        int ids = customers.size() + customers.size() / 20;
        StringBuilder sb = new StringBuilder(64);
        for (int f = 0; f < files; f++) {
            try (OutputStream out = file.open(f)) {
                for (int o = (int) ((long) n * f / files); o < (int) ((long) n * (f + 1) / files); o++) {
                    int c = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(ids);
                    int amount = rnd.nextInt(1, 100_000);
                    sb.setLength(0);
                    sb.append('o').append(o).append(",c").append(c).append(',').append(amount).append('\n');
                    out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
                    long[] t = totals.computeIfAbsent(c < countryOf.length ? countryOf[c] : "(unknown customer)",
                            k -> new long[2]);
                    t[0]++;
                    t[1] += amount;
                }
            }
        }
        List<String> lines = new ArrayList<>();
        totals.forEach((k, v) -> lines.add(k + "\t" + v[0] + "\t" + v[1]));
        return lines;
    }
}
