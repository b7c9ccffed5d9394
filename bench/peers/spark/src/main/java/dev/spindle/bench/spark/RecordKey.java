package dev.spindle.bench.spark;

import java.io.Serializable;
import java.util.Arrays;

/** The first {@link Sort#KEY} bytes of a record, ordered as unsigned bytes (TeraSort order). */
public final class RecordKey implements Comparable<RecordKey>, Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] bytes;

    RecordKey(byte[] bytes) {
        this.bytes = bytes;
    }

    static RecordKey of(byte[] record) {
        return new RecordKey(Arrays.copyOf(record, Sort.KEY));
    }

    @Override
    public int compareTo(RecordKey o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
