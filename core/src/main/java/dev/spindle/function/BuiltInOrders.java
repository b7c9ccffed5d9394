package dev.spindle.function;

import java.util.Arrays;

/**
 * The orders {@link KeyComparator} names, as enum constants: deserializing one gives back the same
 * instance, so an executor's sort can tell them by identity and sort their keys by a prefix.
 */
final class BuiltInOrders {
    private BuiltInOrders() {
    }

    enum UnsignedBytes implements KeyComparator<byte[]> {
        INSTANCE;

        @Override
        public int compare(byte[] a, byte[] b) {
            return Arrays.compareUnsigned(a, b);
        }
    }

    enum Natural implements KeyComparator<Object> {
        INSTANCE;

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public int compare(Object a, Object b) {
            return ((Comparable) a).compareTo(b);
        }
    }
}
