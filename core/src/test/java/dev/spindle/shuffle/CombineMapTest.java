package dev.spindle.shuffle;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CombineMapTest {
    private final Aggregator<Long, Long> sum = new Aggregator<>(v -> v, Long::sum, Long::sum);

    private static Map<Object, Long> contents(CombineMap<Long> m) throws Exception {
        Map<Object, Long> out = new HashMap<>();
        m.forEach((k, v) -> assertEquals(null, out.put(k, v), "each key once"));
        return out;
    }

    @Test
    void foldsLikeAHashMapThroughManyGrowths() throws Exception {
        CombineMap<Long> m = new CombineMap<>();
        Map<Object, Long> expected = new HashMap<>();
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            String key = "w" + rnd.nextInt(30_000);
            long v = rnd.nextInt(10);
            m.addValue(sum, key, v);
            expected.merge(key, v, Long::sum);
        }
        assertEquals(expected.size(), m.size());
        assertEquals(expected, contents(m));
    }

    /** Every key in one probe chain: equality, not the hash, decides. */
    private record Colliding(int id) {
        @Override
        public int hashCode() {
            return 7;
        }
    }

    @Test
    void collidingKeysStayApart() throws Exception {
        CombineMap<Long> m = new CombineMap<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 500; i++) {
                m.addValue(sum, new Colliding(i), 1L);
            }
        }
        Map<Object, Long> c = contents(m);
        assertEquals(500, c.size());
        assertTrue(c.values().stream().allMatch(v -> v == 3L));
    }

    @Test
    void nullKeysAndNullCombinersAreEntriesToo() throws Exception {
        Aggregator<String, String> keepLast = new Aggregator<>(v -> v, (c, v) -> v, (a, b) -> b);
        CombineMap<String> m = new CombineMap<>();
        m.addValue(keepLast, null, "a");
        m.addValue(keepLast, "k", null);
        m.addValue(keepLast, null, "b");
        m.addValue(keepLast, "k", null);
        // The empty string's hash is 0, as the null key's: they are still two keys.
        m.addValue(keepLast, "", "e");
        m.addValue(keepLast, null, "c");
        assertEquals(3, m.size());
        Map<Object, String> out = new HashMap<>();
        m.forEach(out::put);
        assertEquals("c", out.get(null));
        assertEquals("e", out.get(""));
        assertTrue(out.containsKey("k"));
        assertEquals(null, out.get("k"));
    }

    @Test
    void combinersFromOtherTasksMergeAndClearEmpties() throws Exception {
        CombineMap<Long> m = new CombineMap<>();
        m.addCombiner(sum, "x", 5L);
        m.addCombiner(sum, "x", 7L);
        m.addValue(sum, "y", 1L);
        assertEquals(Map.of("x", 12L, "y", 1L), contents(m));
        m.clear();
        assertEquals(0, m.size());
        assertEquals(Map.of(), contents(m));
        m.addValue(sum, "x", 2L);
        assertEquals(Map.of("x", 2L), contents(m));
    }
}
