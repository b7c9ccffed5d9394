package dev.spindle.examples;

import dev.spindle.Pair;
import dev.spindle.PairDataset;
import dev.spindle.SpindleContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * {@code WordCount IN OUT [reduce|group] [TOP]}: counts the words of IN (the non-empty tokens of each
 * line split on runs of whitespace, {@code \s+}) and writes {@code word<TAB>count} lines to part files
 * under OUT, then prints the TOP (default 10; 0: none, which saves a pass over the counts) most
 * frequent words. {@code group} counts with groupByKey instead of reduceByKey (same answer, more
 * shuffle), to compare the two.
 */
public final class WordCount {
    private WordCount() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 4) {
            throw new IllegalArgumentException("usage: WordCount IN OUT [reduce|group] [TOP]");
        }
        String mode = args.length >= 3 ? args[2] : "reduce";
        int topN = args.length == 4 ? Integer.parseInt(args[3]) : 10;
        try (SpindleContext sc = new SpindleContext()) {
            PairDataset<String, Long> ones = sc.textFile(args[0]).flatMap(WordCount::words).mapToPair(w -> Pair.of(w, 1L));
            PairDataset<String, Long> counts = switch (mode) {
                case "reduce" -> ones.reduceByKey(Long::sum);
                case "group" -> ones.groupByKey().mapValues(vs -> (long) vs.size());
                default -> throw new IllegalArgumentException("mode must be reduce or group, not " + mode);
            };
            counts.saveAsTextFile(args[1]);
            if (topN > 0) {
                List<Pair<String, Long>> top = counts.mapPartitions(it -> top(it, topN).iterator()).collect();
                System.out.println("Most frequent words:");
                for (Pair<String, Long> p : top(top.iterator(), topN)) {
                    System.out.println("  " + p.value() + "\t" + p.key());
                }
            } else {
                System.out.println("WordCount wrote the counts of " + args[0] + " to " + args[1]);
            }
        }
    }

    /** The tokens of a line between runs of the characters {@code \s} matches. */
    static Iterator<String> words(String line) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.iterator();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** The {@code n} pairs with the highest counts, highest first, ties by word. */
    static List<Pair<String, Long>> top(Iterator<Pair<String, Long>> it, int n) {
        Comparator<Pair<String, Long>> order = Comparator.<Pair<String, Long>>comparingLong(Pair::value)
                .thenComparing(Pair::key, Comparator.reverseOrder());
        PriorityQueue<Pair<String, Long>> heap = new PriorityQueue<>(order);
        while (it.hasNext()) {
            heap.add(it.next());
            if (heap.size() > n) {
                heap.poll();
            }
        }
        List<Pair<String, Long>> out = new ArrayList<>(heap);
        out.sort(order.reversed());
        return out;
    }
}
