package dev.spindle.examples;

import dev.spindle.Pair;
import dev.spindle.PairDataset;
import dev.spindle.SpindleContext;

import java.util.List;

/**
 * {@code PairsAtScale PAIRS KEYS PARTITIONS}: generates PAIRS key-value pairs in the executors (key
 * {@link #key}, a 30-character string value {@link #value}) over KEYS keys and runs reduceByKey,
 * groupByKey, a join and sortByKey over them, printing one checksum line per operation that a single
 * process can recompute without holding the data ({@link #expected}). With PAIRS large enough that
 * the pairs are several times the executors' heaps, every operation has to spill to finish: the test
 * of Spindle's memory management.
 */
public final class PairsAtScale {
    private PairsAtScale() {
    }

    /** The key of pair {@code i}: spread over the keys by a multiplicative hash. */
    public static long key(long i, long keys) {
        return Math.floorMod(i * 0x9E3779B97F4A7C15L, keys);
    }

    /** The value of pair {@code i}: 30 characters. */
    public static String value(long i) {
        String digits = Long.toString(i);
        return "value-" + "0".repeat(24 - digits.length()) + digits;
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: PairsAtScale PAIRS KEYS PARTITIONS");
        }
        long n = Long.parseLong(args[0]);
        long keys = Long.parseLong(args[1]);
        int partitions = Integer.parseInt(args[2]);
        try (SpindleContext sc = new SpindleContext()) {
            PairDataset<Long, String> pairs = sc.range(0, n, partitions).mapToPair(i -> Pair.of(key(i, keys), value(i)));

            List<Long> reduced = pairs.mapValues(v -> Long.parseLong(v.substring(6))).reduceByKey(Long::sum)
                    .map(p -> (p.key() + 1) * p.value()).mapPartitions(PairsAtScale::sum).collect();
            System.out.println("reduceByKey checksum=" + total(reduced));

            List<Long> grouped = pairs.groupByKey().map(p -> {
                long lengths = 0;
                for (String v : p.value()) {
                    lengths += v.length();
                }
                return (p.key() + 1) * lengths;
            }).mapPartitions(PairsAtScale::sum).collect();
            System.out.println("groupByKey checksum=" + total(grouped));

            PairDataset<Long, Long> triples = sc.range(0, keys, partitions).mapToPair(k -> Pair.of(k, 3 * k));
            List<Long> joined = pairs.join(triples).map(p -> p.value().key().length() * p.value().value())
                    .mapPartitions(PairsAtScale::sum).collect();
            System.out.println("join checksum=" + total(joined));

            // Each sorted partition reports its count, first and last key and whether it was in order.
            List<long[]> runs = pairs.sortByKey().mapPartitions(it -> {
                long count = 0;
                long first = -1;
                long last = -1;
                long ordered = 1;
                while (it.hasNext()) {
                    long k = it.next().key();
                    if (count == 0) {
                        first = k;
                    } else if (k < last) {
                        ordered = 0;
                    }
                    last = k;
                    count++;
                }
                return List.of(new long[]{count, first, last, ordered}).iterator();
            }).collect();
            long sorted = 0;
            boolean inOrder = true;
            long previous = -1;
            for (long[] r : runs) {
                sorted += r[0];
                inOrder &= r[3] == 1 && (r[0] == 0 || r[1] >= previous);
                previous = r[0] == 0 ? previous : r[2];
            }
            System.out.println("sortByKey records=" + sorted + " ordered=" + inOrder);
        }
    }

    private static java.util.Iterator<Long> sum(java.util.Iterator<Long> it) {
        long s = 0;
        while (it.hasNext()) {
            s += it.next();
        }
        return List.of(s).iterator();
    }

    private static long total(List<Long> parts) {
        long s = 0;
        for (long p : parts) {
            s += p;
        }
        return s;
    }

    /** The four lines a correct run prints, computed in one pass over the pair numbers. */
    public static List<String> expected(long n, long keys) {
        long reduce = 0;
        long group = 0;
        long join = 0;
        for (long i = 0; i < n; i++) {
            long k = key(i, keys);
            reduce += (k + 1) * i;
            group += (k + 1) * 30;
            join += 30 * (3 * k);
        }
        return List.of("reduceByKey checksum=" + reduce, "groupByKey checksum=" + group, "join checksum=" + join,
                "sortByKey records=" + n + " ordered=true");
    }
}
