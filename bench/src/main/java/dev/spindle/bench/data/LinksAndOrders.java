package dev.spindle.bench.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /** Spark's JavaPageRank over the links, in one process: every page with incoming links, its rank. */
    public static Map<String, Double> pageRank(int[][] links, int iterations) {
        Map<Integer, LinkedHashSet<Integer>> out = new HashMap<>();
        for (int i = 0; i < links[0].length; i++) {
            out.computeIfAbsent(links[0][i], k -> new LinkedHashSet<>()).add(links[1][i]);
        }
        Map<Integer, Double> ranks = new HashMap<>();
        out.keySet().forEach(p -> ranks.put(p, 1.0));
        for (int it = 0; it < iterations; it++) {
            Map<Integer, Double> sums = new HashMap<>();
            for (Map.Entry<Integer, LinkedHashSet<Integer>> e : out.entrySet()) {
                Double rank = ranks.get(e.getKey());
                if (rank == null) {
                    continue;
                }
                double share = rank / e.getValue().size();
                for (int dest : e.getValue()) {
                    sums.merge(dest, share, Double::sum);
                }
            }
            ranks.clear();
            sums.forEach((p, s) -> ranks.put(p, 0.15 + 0.85 * s));
        }
        Map<String, Double> named = new HashMap<>();
        ranks.forEach((p, r) -> named.put("p" + p, r));
        return named;
    }

    /** The customers: {@code count} of them, ids {@code c0..}. */
    public static List<String> customers(int count) {
        List<String> out = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            out.add("c" + c + ",Customer " + c + "," + COUNTRIES[c % COUNTRIES.length]);
        }
        return out;
    }

    /** Orders of about {@code bytes}: customer ids up to 5 % beyond the customers, one in ten by c0. */
    public static List<String> orders(long bytes, int customers, long seed) {
        int n = (int) Math.max(100, bytes / ORDER_BYTES);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(n);
        int ids = customers + customers / 20;
        for (int o = 0; o < n; o++) {
            int c = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(ids);
            out.add("o" + o + ",c" + c + "," + rnd.nextInt(1, 100_000));
        }
        return out;
    }

    /** The join report's lines: per country (unknown customers as {@code (unknown customer)}), sorted. */
    public static List<String> joinReport(List<String> orders, List<String> customers) {
        Map<String, String> country = new HashMap<>();
        for (String c : customers) {
            String[] f = c.split(",");
            country.put(f[0], f[2]);
        }
        TreeMap<String, long[]> totals = new TreeMap<>();
        for (String o : orders) {
            String[] f = o.split(",");
            long[] t = totals.computeIfAbsent(country.getOrDefault(f[1], "(unknown customer)"), k -> new long[2]);
            t[0]++;
            t[1] += Long.parseLong(f[2]);
        }
        List<String> lines = new ArrayList<>();
        totals.forEach((k, v) -> lines.add(k + "\t" + v[0] + "\t" + v[1]));
        return lines;
    }
}
