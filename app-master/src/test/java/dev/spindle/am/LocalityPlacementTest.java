package dev.spindle.am;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalityPlacementTest {

    private static List<String> place(int count, Map<String, Integer> pending, Map<String, Integer> existing) {
        return LocalityPlacement.place(count, pending, existing);
    }

    @Test
    void hostsWeightedByTheirPendingTasks() {
        assertEquals(List.of("a", "a", "a", "b"), place(4, Map.of("a", 30, "b", 10), Map.of()));
        assertEquals(List.of("a", "b"), place(2, Map.of("a", 5, "b", 5), Map.of()));
    }

    @Test
    void noPreferenceMeansAnywhere() {
        assertEquals(Arrays.asList(null, null), place(2, Map.of(), Map.of()));
        assertTrue(place(0, Map.of("a", 1), Map.of()).isEmpty());
    }

    @Test
    void moreExecutorsThanHostsAreSharedOutByWeight() {
        List<String> p = place(5, Map.of("a", 1, "b", 1), Map.of());
        assertEquals(List.of("a", "a", "a", "b", "b"), p, "2.5 each: the remainder goes to the first host");
        List<String> q = place(3, Map.of("a", 10, "b", 1), Map.of());
        assertEquals(List.of("a", "a", "a"), q, "b's share rounds to nothing");
    }

    @Test
    void hostsThatAlreadyHaveExecutorsGetFewerAsks() {
        // Four executors in all: a deserves three and has two, b deserves one and has none.
        assertEquals(List.of("a", "b"), place(2, Map.of("a", 3, "b", 1), Map.of("a", 2)));
        // A host with more than its share gets nothing.
        assertEquals(List.of("b"), place(1, Map.of("a", 1, "b", 1), Map.of("a", 3)));
    }

    @Test
    void hostsWithoutANodeManagerStillGetAsksThatYarnRelaxes() {
        // The AM cannot tell which hosts run NodeManagers; relaxed locality lets YARN place these elsewhere.
        assertEquals(List.of("datanode-only"), place(1, Map.of("datanode-only", 4), Map.of()));
    }
}
