package dev.spindle.function;

import java.io.Serializable;
import java.util.Comparator;

/** An order of keys that travels to the executors with the tasks that sort by it. */
@FunctionalInterface
public interface KeyComparator<K> extends Comparator<K>, Serializable {
    /** Byte arrays compared as unsigned bytes, left to right, a prefix first: the order of TeraSort keys. */
    static KeyComparator<byte[]> unsignedBytes() {
        return java.util.Arrays::compareUnsigned;
    }

    /** The natural order of comparable keys. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <K> KeyComparator<K> natural() {
        return (a, b) -> ((Comparable) a).compareTo(b);
    }
}
