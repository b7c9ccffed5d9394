package dev.spindle.bench.compare;

import java.util.Locale;

/** The jobs every system runs: the same input, the same answer. */
public enum Workload {
    /** Word counts of the Zipf text, {@code word<TAB>count} lines. */
    WORDCOUNT,
    /** The TeraGen-layout records sorted by their 10-byte key. */
    SORT,
    /** A job that does next to nothing: the system's fixed cost. */
    EMPTY,
    /** Ten PageRank iterations over a link graph, the links cached: {@code page<TAB>rank} lines. */
    PAGERANK,
    /** The same without caching the links: what caching is worth. */
    PAGERANK_NOCACHE,
    /** Orders joined with customers, totals by country: {@code country<TAB>orders<TAB>amount} lines. */
    JOIN;

    /** PageRank's iterations in every system. */
    public static final int PAGERANK_ITERATIONS = 10;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the job reads an input (all but the empty job). */
    public boolean hasInput() {
        return this != EMPTY;
    }

    public static Workload parse(String s) {
        for (Workload w : values()) {
            if (w.id().equals(s)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + s
                + "' (wordcount, sort, empty, pagerank, pagerank-nocache, join)");
    }
}
