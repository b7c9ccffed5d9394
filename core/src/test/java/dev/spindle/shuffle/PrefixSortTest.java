package dev.spindle.shuffle;

import dev.spindle.Pair;
import dev.spindle.function.KeyComparator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PrefixSortTest {
    /** Keys made by {@code key}, each record's value its input position; sorted as the reference sort does. */
    private static <K> void sortsAsAStableComparisonSortDoes(int n, Function<SplittableRandom, K> key,
                                                             Comparator<? super K> order) {
        SplittableRandom rnd = new SplittableRandom(n * 31L + 7);
        List<Pair<K, Integer>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(Pair.of(key.apply(rnd), i));
        }
        List<Pair<K, Integer>> expected = new ArrayList<>(records);
        expected.sort((a, b) -> order.compare(a.key(), b.key()));
        PrefixSort.sort(records, order);
        assertEquals(expected.size(), records.size());
        for (int i = 0; i < n; i++) {
            // Same record (identity), so ties kept their input order as the stable reference did.
            assertSame(expected.get(i), records.get(i), "position " + i + " of " + n);
        }
    }

    @Test
    void unsignedBytesOfEveryLengthAndLongSharedPrefixes() {
        for (int n : new int[]{0, 1, 63, 64, 1000, 20_000}) {
            sortsAsAStableComparisonSortDoes(n, rnd -> {
                // Short keys, keys that agree on their first 8+ bytes, bytes above 0x7F, and duplicates.
                byte[] k = new byte[rnd.nextInt(14)];
                for (int i = 0; i < k.length; i++) {
                    k[i] = i < 9 && rnd.nextInt(4) > 0 ? (byte) 0xF0 : (byte) rnd.nextInt(4);
                }
                return k;
            }, KeyComparator.unsignedBytes());
        }
    }

    @Test
    void teraSortKeys() {
        sortsAsAStableComparisonSortDoes(50_000, rnd -> {
            byte[] k = new byte[10];
            rnd.nextBytes(k);
            return k;
        }, KeyComparator.unsignedBytes());
    }

    @Test
    void naturalOrderOfLongsIntegersAndStrings() {
        sortsAsAStableComparisonSortDoes(10_000, rnd -> switch (rnd.nextInt(4)) {
            case 0 -> Long.MIN_VALUE + rnd.nextInt(3);
            case 1 -> Long.MAX_VALUE - rnd.nextInt(3);
            default -> rnd.nextLong(-1000, 1000);
        }, KeyComparator.<Long>natural());
        sortsAsAStableComparisonSortDoes(10_000, rnd -> rnd.nextInt(2) == 0 ? rnd.nextInt() : rnd.nextInt(-5, 5),
                KeyComparator.<Integer>natural());
        String[] parts = {"", "a", "ab", "\0", "\uFFFF", "é", "\uD83D\uDE00", "zz"};
        sortsAsAStableComparisonSortDoes(10_000, rnd -> {
            StringBuilder b = new StringBuilder();
            for (int i = rnd.nextInt(5); i > 0; i--) {
                b.append(parts[rnd.nextInt(parts.length)]);
            }
            return b.toString();
        }, KeyComparator.<String>natural());
    }

    @Test
    void descendingOrders() {
        sortsAsAStableComparisonSortDoes(20_000, rnd -> {
            byte[] k = new byte[rnd.nextInt(12)];
            for (int i = 0; i < k.length; i++) {
                k[i] = (byte) (i < 9 ? 0x80 + rnd.nextInt(2) : rnd.nextInt(3));
            }
            return k;
        }, new DescendingOrder<>(KeyComparator.unsignedBytes()));
        sortsAsAStableComparisonSortDoes(20_000, rnd -> rnd.nextLong(-50, 50),
                new DescendingOrder<>(KeyComparator.<Long>natural()));
        sortsAsAStableComparisonSortDoes(20_000, rnd -> "k" + rnd.nextInt(500),
                new DescendingOrder<>(KeyComparator.<String>natural()));
    }

    @Test
    void otherOrdersAndMixedKeysTakeTheComparisonSort() {
        // A descending order the sort does not know, and natural keys of a class it has no prefix for.
        sortsAsAStableComparisonSortDoes(5_000, rnd -> rnd.nextLong(100), Comparator.<Long>reverseOrder());
        sortsAsAStableComparisonSortDoes(5_000, rnd -> rnd.nextInt(50) / 7.0, KeyComparator.<Double>natural());
        List<Pair<Object, Integer>> mixed = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            mixed.add(Pair.of(i % 2 == 0 ? (Object) (long) i : (Object) ("s" + i), i));
        }
        // Keys that cannot be compared fail as they would with any sort, not with a wrong order.
        assertThrows(ClassCastException.class, () -> PrefixSort.sort(mixed, KeyComparator.natural()));
    }

    @Test
    void theBuiltInOrdersAreTheSameInstanceAfterSerialization() throws Exception {
        assertSame(KeyComparator.unsignedBytes(), roundTrip(KeyComparator.unsignedBytes()));
        assertSame(KeyComparator.natural(), roundTrip(KeyComparator.natural()));
    }

    @Test
    void radixSortOrdersUnsignedAndMovesValues() {
        long[] keys = {-1L, 0L, Long.MIN_VALUE, 5L, Long.MAX_VALUE, 5L};
        int[] values = {0, 1, 2, 3, 4, 5};
        PrefixSort.radixSort(keys, values);
        assertArrayEquals(new long[]{0L, 5L, 5L, Long.MAX_VALUE, Long.MIN_VALUE, -1L}, keys);
        assertArrayEquals(new int[]{1, 3, 5, 4, 2, 0}, values);
    }

    private static Object roundTrip(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
