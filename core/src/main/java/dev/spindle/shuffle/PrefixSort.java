package dev.spindle.shuffle;

import dev.spindle.Pair;
import dev.spindle.function.KeyComparator;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts records by key, stably. For the orders whose keys have a 64-bit prefix that agrees with them
 * (unsigned bytes: the first 8 bytes; the natural order of Long and Integer keys: the value; of String
 * keys: the first 4 chars; the {@link DescendingOrder} of any of these: the complement) the records are
 * sorted by prefix with a radix sort over primitive arrays, and only records of equal prefix are compared. A comparison sort instead reads two records and their
 * keys, scattered over the heap, at every step: profiles of Sort showed its byte comparisons as a
 * quarter of the job's time. Any other order, or keys of another class, take {@link List#sort}.
 *
 * <p>Stateless; the arrays of one sort are its own.
 */
public final class PrefixSort {
    /** Below this many records the radix sort's fixed cost is not worth it. */
    private static final int MIN_RECORDS = 64;

    private PrefixSort() {
    }

    /** A key's prefix as an unsigned 64-bit number: a smaller prefix means an earlier key. */
    private interface Prefixer {
        /** Whether {@code key} has a prefix (its class is the one this prefix is for). */
        boolean accepts(Object key);

        long prefix(Object key);

        /** Whether equal prefixes mean equal keys, so ties need no comparison. */
        boolean exact();
    }

    /** The prefixes of the keys of the orders {@link KeyComparator} names. */
    private enum BuiltIn implements Prefixer {
        BYTES(byte[].class, false) {
            @Override
            public long prefix(Object key) {
                byte[] b = (byte[]) key;
                long p = 0;
                int n = Math.min(8, b.length);
                for (int i = 0; i < n; i++) {
                    p |= (b[i] & 0xFFL) << (56 - 8 * i);
                }
                return p;
            }
        },
        LONGS(Long.class, true) {
            @Override
            public long prefix(Object key) {
                return (Long) key ^ Long.MIN_VALUE;
            }
        },
        INTS(Integer.class, true) {
            @Override
            public long prefix(Object key) {
                return (long) (Integer) key ^ Long.MIN_VALUE;
            }
        },
        STRINGS(String.class, false) {
            @Override
            public long prefix(Object key) {
                // String order compares chars as unsigned 16-bit numbers; a string that ends first comes
                // first, and its missing chars count as 0, below any char (a tie with "\0" is settled by
                // comparing).
                String s = (String) key;
                long p = 0;
                int n = Math.min(4, s.length());
                for (int i = 0; i < n; i++) {
                    p |= (long) s.charAt(i) << (48 - 16 * i);
                }
                return p;
            }
        };

        private final Class<?> keyClass;
        private final boolean exact;

        BuiltIn(Class<?> keyClass, boolean exact) {
            this.keyClass = keyClass;
            this.exact = exact;
        }

        @Override
        public boolean accepts(Object key) {
            return keyClass.isInstance(key);
        }

        @Override
        public boolean exact() {
            return exact;
        }
    }

    /** The prefixes of the reverse order: complementing an unsigned number reverses its order. */
    private record Complement(Prefixer ascending) implements Prefixer {
        @Override
        public boolean accepts(Object key) {
            return ascending.accepts(key);
        }

        @Override
        public long prefix(Object key) {
            return ~ascending.prefix(key);
        }

        @Override
        public boolean exact() {
            return ascending.exact();
        }
    }

    /** Sorts {@code records} by key in {@code order}; records of equal keys keep their order. */
    public static <K, V> void sort(List<Pair<K, V>> records, Comparator<? super K> order) {
        Comparator<Pair<K, V>> byKey = (a, b) -> order.compare(a.key(), b.key());
        int n = records.size();
        Prefixer prefixer = n < MIN_RECORDS ? null : prefixerFor(order, records.get(0).key());
        if (prefixer == null) {
            records.sort(byKey);
            return;
        }
        long[] prefixes = new long[n];
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            Object key = records.get(i).key();
            if (!prefixer.accepts(key)) {
                records.sort(byKey);
                return;
            }
            prefixes[i] = prefixer.prefix(key);
            index[i] = i;
        }
        radixSort(prefixes, index);
        if (!prefixer.exact()) {
            settleTies(records, prefixes, index, byKey);
        }
        Object[] sorted = new Object[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = records.get(index[i]);
        }
        for (int i = 0; i < n; i++) {
            @SuppressWarnings("unchecked")
            Pair<K, V> record = (Pair<K, V>) sorted[i];
            records.set(i, record);
        }
    }

    private static Prefixer prefixerFor(Comparator<?> order, Object firstKey) {
        if (order instanceof DescendingOrder<?> descending) {
            Prefixer ascending = prefixerFor(descending.ascending(), firstKey);
            return ascending == null ? null : new Complement(ascending);
        }
        if (order == KeyComparator.unsignedBytes()) {
            return BuiltIn.BYTES;
        }
        if (order == KeyComparator.natural()) {
            for (Prefixer p : new Prefixer[]{BuiltIn.LONGS, BuiltIn.INTS, BuiltIn.STRINGS}) {
                if (p.accepts(firstKey)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Sorts each run of equal prefixes by the whole key; the radix sort kept such runs in input order. */
    private static <K, V> void settleTies(List<Pair<K, V>> records, long[] prefixes, int[] index,
                                          Comparator<Pair<K, V>> byKey) {
        int n = prefixes.length;
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && prefixes[end] == prefixes[start]) {
                end++;
            }
            if (end - start > 1) {
                Integer[] run = new Integer[end - start];
                for (int i = start; i < end; i++) {
                    run[i - start] = index[i];
                }
                // Stable: ties of the whole key keep the input order the radix sort left them in.
                Arrays.sort(run, (a, b) -> byKey.compare(records.get(a), records.get(b)));
                for (int i = start; i < end; i++) {
                    index[i] = run[i - start];
                }
            }
            start = end;
        }
    }

    /**
     * Sorts {@code keys} as unsigned numbers, moving {@code values} with them: least significant byte
     * first, stable, skipping the bytes all keys share.
     */
    static void radixSort(long[] keys, int[] values) {
        int n = keys.length;
        if (n < 2) {
            return;
        }
        int[][] counts = new int[8][256];
        for (long k : keys) {
            for (int b = 0; b < 8; b++) {
                counts[b][(int) (k >>> (8 * b)) & 0xFF]++;
            }
        }
        long[] srcKeys = keys;
        int[] srcValues = values;
        long[] dstKeys = new long[n];
        int[] dstValues = new int[n];
        for (int b = 0; b < 8; b++) {
            int shift = 8 * b;
            int[] count = counts[b];
            if (count[(int) (srcKeys[0] >>> shift) & 0xFF] == n) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < 256; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long k = srcKeys[i];
                int at = count[(int) (k >>> shift) & 0xFF]++;
                dstKeys[at] = k;
                dstValues[at] = srcValues[i];
            }
            long[] tk = srcKeys;
            srcKeys = dstKeys;
            dstKeys = tk;
            int[] tv = srcValues;
            srcValues = dstValues;
            dstValues = tv;
        }
        if (srcKeys != keys) {
            System.arraycopy(srcKeys, 0, keys, 0, n);
            System.arraycopy(srcValues, 0, values, 0, n);
        }
    }
}
