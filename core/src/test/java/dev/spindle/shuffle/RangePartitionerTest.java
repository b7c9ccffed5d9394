package dev.spindle.shuffle;

import dev.spindle.function.KeyComparator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RangePartitionerTest {

    private static List<RangePartitioner.Weighted<Integer>> sample(int from, int to, double weight) {
        List<RangePartitioner.Weighted<Integer>> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new RangePartitioner.Weighted<>(i, weight));
        }
        return out;
    }

    @Test
    void boundsGiveEqualSharesAndKeepOrder() {
        RangePartitioner<Integer> p = RangePartitioner.fromSample(sample(0, 1000, 1), 4, Comparator.naturalOrder());
        assertEquals(4, p.numPartitions());
        int[] counts = new int[4];
        int last = 0;
        for (int k = 0; k < 1000; k++) {
            int part = p.partition(k);
            assertTrue(part >= last, "partitions grow with keys");
            last = part;
            counts[part]++;
        }
        for (int c : counts) {
            assertEquals(250, c, 2);
        }
    }

    @Test
    void weightsStandForUnsampledRecords() {
        // Keys 0..99 stand for 10 records each, keys 100..199 for 1: most records are below 100.
        List<RangePartitioner.Weighted<Integer>> s = new ArrayList<>(sample(0, 100, 10));
        s.addAll(sample(100, 200, 1));
        RangePartitioner<Integer> p = RangePartitioner.fromSample(s, 2, Comparator.naturalOrder());
        assertTrue(p.partition(60) == 1 && p.partition(40) == 0, "the bound falls near key 55");
    }

    @Test
    void degenerateSamples() {
        assertEquals(1, RangePartitioner.fromSample(List.of(), 5, Comparator.<Integer>naturalOrder()).numPartitions());
        RangePartitioner<Integer> same = RangePartitioner.fromSample(sample(7, 8, 1000), 3, Comparator.naturalOrder());
        assertTrue(same.numPartitions() <= 2, "duplicate bounds are dropped");
        RangePartitioner<byte[]> bytes = RangePartitioner.fromSample(List.of(
                new RangePartitioner.Weighted<>(new byte[]{(byte) 0x80}, 1),
                new RangePartitioner.Weighted<>(new byte[]{0x01}, 1)), 2, KeyComparator.unsignedBytes());
        assertEquals(0, bytes.partition(new byte[]{0x00}));
        assertEquals(1, bytes.partition(new byte[]{(byte) 0xFF}), "unsigned: 0xFF sorts last");
    }
}
