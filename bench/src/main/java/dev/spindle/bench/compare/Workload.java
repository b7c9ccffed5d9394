package dev.spindle.bench.compare;

import java.util.Locale;

/** The jobs every system runs: the same input, the same answer. */
public enum Workload {
    /** Word counts of the Zipf text, {@code word<TAB>count} lines. */
    WORDCOUNT,
    /** The TeraGen-layout records sorted by their 10-byte key. */
    SORT,
    /** A job that does next to nothing: the system's fixed cost. */
    EMPTY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Workload parse(String s) {
        for (Workload w : values()) {
            if (w.id().equals(s)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + s + "' (wordcount, sort, empty)");
    }
}
