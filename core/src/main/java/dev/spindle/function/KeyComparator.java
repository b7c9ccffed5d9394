package dev.spindle.function;

import java.io.Serializable;
import java.util.Comparator;

/** An order of keys that travels to the executors with the tasks that sort by it. */
@FunctionalInterface
public interface KeyComparator<K> extends Comparator<K>, Serializable {
    /**
     * Byte arrays compared as unsigned bytes, left to right, a prefix first: the order of TeraSort keys.
     * Always the same instance, also after travelling to an executor, so a sort can recognize it.
     */
    static KeyComparator<byte[]> unsignedBytes() {
        return BuiltInOrders.UnsignedBytes.INSTANCE;
    }

    /**
     * The natural order of comparable keys. Always the same instance, also after travelling to an
     * executor, so a sort can recognize it.
     */
    @SuppressWarnings("unchecked")
    static <K> KeyComparator<K> natural() {
        return (KeyComparator<K>) BuiltInOrders.Natural.INSTANCE;
    }
}
