package dev.spindle.memory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Estimates within the ranges a 64-bit JVM with compressed references gives. */
class SizeEstimatorTest {
    record Point(long x, long y, String label) {
    }

    @Test
    void commonShapes() {
        assertEquals(16, SizeEstimator.estimate(7));
        assertEquals(24, SizeEstimator.estimate(7L));
        // A String of 10 Latin-1 chars: a 24-byte object and a 32-byte array.
        assertEquals(56, SizeEstimator.estimate("0123456789"));
        assertEquals(16 + 1000, SizeEstimator.estimate(new byte[1000]));
        assertEquals(16 + 8000, SizeEstimator.estimate(new long[1000]));
        long point = SizeEstimator.estimate(new Point(1, 2, "p"));
        assertTrue(point >= 32 + 40 && point <= 120, "a record with two longs and a short string: " + point);
    }

    @Test
    void collectionsCountTheirElementsAndSharedObjectsOnce() {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            list.add("value-" + i);
        }
        long size = SizeEstimator.estimate(list);
        assertTrue(size > 1000 * 56 && size < 1000 * 100, "1000 short strings in a list: " + size);
        String shared = "x".repeat(1000);
        long one = SizeEstimator.estimate(shared);
        assertTrue(SizeEstimator.estimate(List.of(shared, shared, shared)) < 2 * one, "counted once");
        Map<Integer, String> map = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            map.put(i, "v" + i);
        }
        long m = SizeEstimator.estimate(map);
        assertTrue(m > 100 * (16 + 48) && m < 100 * 200, "a map of 100 small entries: " + m);
    }

    @Test
    void aCycleEnds() {
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertTrue(SizeEstimator.estimate(self) < 200);
    }
}
