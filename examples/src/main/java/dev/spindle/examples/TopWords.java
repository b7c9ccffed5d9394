package dev.spindle.examples;

import dev.spindle.Broadcast;
import dev.spindle.LongAccumulator;
import dev.spindle.Pair;
import dev.spindle.SpindleContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code TopWords IN OUT [N] [STOPWORDS]}: the N (default 20) most frequent words of IN, ignoring case,
 * punctuation and stop words, written to OUT as {@code word<TAB>count} lines (most frequent first) and
 * printed. The stop words (a built-in English list, or one word per line of the file STOPWORDS, on any
 * Hadoop file system) go to the executors once as a broadcast; an accumulator counts the blank lines.
 */
public final class TopWords {
    /** A small English list; pass a file for another. */
    static final Set<String> ENGLISH = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from",
            "had", "has", "have", "he", "her", "his", "i", "in", "is", "it", "its", "not", "of", "on", "or", "she",
            "that", "the", "their", "they", "this", "to", "was", "were", "which", "with", "you");

    private TopWords() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 4) {
            throw new IllegalArgumentException("usage: TopWords IN OUT [N] [STOPWORDS]");
        }
        int n = args.length >= 3 ? Integer.parseInt(args[2]) : 20;
        if (n < 1) {
            throw new IllegalArgumentException("N must be at least 1, not " + n);
        }
        try (SpindleContext sc = new SpindleContext()) {
            Set<String> stop = args.length == 4 ? readStopWords(args[3], sc) : ENGLISH;
            Broadcast<Set<String>> stopWords = sc.broadcast(stop);
            LongAccumulator blank = sc.longAccumulator("blank lines");
            List<Pair<String, Long>> top = sc.textFile(args[0]).flatMap(line -> {
                if (line.isBlank()) {
                    blank.add(1);
                }
                List<String> kept = new ArrayList<>();
                for (String w : words(line)) {
                    if (!stopWords.value().contains(w)) {
                        kept.add(w);
                    }
                }
                return kept.iterator();
            }).mapToPair(w -> Pair.of(w, 1L)).reduceByKey(Long::sum)
                    .top(n, (a, b) -> a.value().equals(b.value()) ? b.key().compareTo(a.key())
                            : Long.compare(a.value(), b.value()));
            sc.parallelize(top, 1).saveAsTextFile(args[1]);
            System.out.println("TopWords: the " + top.size() + " most frequent words of " + args[0] + " ("
                    + stop.size() + " stop words left out, " + blank.value() + " blank lines skipped):");
            for (Pair<String, Long> p : top) {
                System.out.println("  " + p.value() + "\t" + p.key());
            }
        }
    }

    /** The lower-cased runs of letters, digits and apostrophes of a line. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c) || c == '\'') {
                w.append(c);
            } else if (w.length() > 0) {
                out.add(w.toString().toLowerCase(Locale.ROOT));
                w.setLength(0);
            }
        }
        return out;
    }

    /** One word per line of a file on any Hadoop file system, read with Spindle (the driver may run in the cluster). */
    private static Set<String> readStopWords(String file, SpindleContext sc) {
        Set<String> out = new HashSet<>();
        for (String l : sc.textFile(file).collect()) {
            if (!l.isBlank()) {
                out.add(l.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
