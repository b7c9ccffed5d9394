package dev.spindle.examples;

import dev.spindle.Pair;
import dev.spindle.PairDataset;
import dev.spindle.SpindleContext;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code PageRank IN OUT ITERATIONS [cache|nocache]}: the PageRank of every page with incoming links, as
 * Spark's JavaPageRank example computes it. IN has one link per line, {@code SOURCE DESTINATION}
 * separated by whitespace (other lines are skipped); OUT gets {@code page<TAB>rank} lines. The links are
 * grouped once, hash-partitioned and (unless {@code nocache}, to measure what caching is worth) cached,
 * so each iteration's join reads them in place, where they are cached, and only the contributions are
 * shuffled.
 */
public final class PageRank {
    private PageRank() {
    }

    public static void main(String[] args) {
        if (args.length < 3 || args.length > 4 || (args.length == 4 && !args[3].matches("cache|nocache"))) {
            throw new IllegalArgumentException("usage: PageRank IN OUT ITERATIONS [cache|nocache]");
        }
        boolean cache = args.length < 4 || args[3].equals("cache");
        int iterations = Integer.parseInt(args[2]);
        if (iterations < 1) {
            throw new IllegalArgumentException("ITERATIONS must be at least 1, not " + iterations);
        }
        try (SpindleContext sc = new SpindleContext()) {
            PairDataset<String, List<String>> links = sc.textFile(args[0])
                    .flatMapToPair(PageRank::link)
                    .groupByKey()
                    .mapValues(PageRank::distinct);
            if (cache) {
                links.cache();
            }
            PairDataset<String, Double> ranks = links.mapValues(urls -> 1.0);
            for (int i = 0; i < iterations; i++) {
                PairDataset<String, Double> contributions = links.join(ranks).values().flatMapToPair(p -> {
                    List<Pair<String, Double>> out = new ArrayList<>(p.key().size());
                    double share = p.value() / p.key().size();
                    for (String url : p.key()) {
                        out.add(Pair.of(url, share));
                    }
                    return out.iterator();
                });
                ranks = contributions.reduceByKey(Double::sum).mapValues(sum -> 0.15 + 0.85 * sum);
            }
            ranks.saveAsTextFile(args[1]);
            System.out.println("PageRank: top pages after " + iterations + " iterations:");
            for (Pair<String, Double> p : ranks.top(5, (a, b) -> Double.compare(a.value(), b.value()))) {
                System.out.printf("  %s has rank %.6f%n", p.key(), p.value());
            }
        }
    }

    /** {@code SOURCE DESTINATION} as a pair, nothing for another line. */
    static java.util.Iterator<Pair<String, String>> link(String line) {
        String[] parts = line.trim().split("\\s+");
        return parts.length == 2 ? List.of(Pair.of(parts[0], parts[1])).iterator()
                : java.util.Collections.emptyIterator();
    }

    /** Each destination once, in first-seen order, as Spark's example's {@code distinct()}. */
    static List<String> distinct(List<String> urls) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(urls));
    }
}
