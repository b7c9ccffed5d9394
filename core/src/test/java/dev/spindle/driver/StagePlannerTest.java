package dev.spindle.driver;

import dev.spindle.shuffle.MapStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StagePlannerTest {
    private static MapStatus on(String executor, int partition) {
        return new MapStatus(executor, "h-" + executor, 7000, "map_" + partition, "/x/map_" + partition + ".data",
                new long[]{1, 2}, new long[]{0, 0});
    }

    @Test
    void aLostOutputTakesEveryOutputOfItsExecutorWithItAndOnlyThoseRunAgain() {
        StagePlanner p = new StagePlanner();
        assertArrayEquals(new int[]{0, 1, 2, 3}, p.missingPartitions(0, 4), "nothing computed yet");
        p.recordOutputs(0, 4, new int[]{0, 1, 2, 3},
                java.util.List.of(on("e1", 0), on("e2", 1), on("e1", 2), on("e3", 3)));
        p.recordOutputs(1, 2, new int[]{0, 1}, java.util.List.of(on("e1", 0), on("e2", 1)));
        assertArrayEquals(new int[0], p.missingPartitions(0, 4));

        assertEquals(3, p.unregister(0, 0, "e1"), "partitions 0 and 2 of shuffle 0, partition 0 of shuffle 1");
        assertArrayEquals(new int[]{0, 2}, p.missingPartitions(0, 4));
        assertArrayEquals(new int[]{0}, p.missingPartitions(1, 2));

        p.recordOutputs(0, 4, new int[]{0, 2}, java.util.List.of(on("e4", 0), on("e4", 2)));
        assertArrayEquals(new int[0], p.missingPartitions(0, 4));
        assertEquals(0, p.unregister(0, 9, "nobody"), "an unknown output forgets nothing");
    }

    @Test
    void aLiveExecutorOnTheSameHostAdoptsALostExecutorsOutputsSoNothingRunsAgain() {
        StagePlanner p = new StagePlanner();
        MapStatus e1OnH = new MapStatus("e1", "h", 7001, "map_0_0", "/app/shuffle_0/map_0_0.data", new long[]{3},
                new long[]{9});
        MapStatus e2OnOther = new MapStatus("e2", "other", 7002, "map_0_1", "/app/shuffle_0/map_0_1.data",
                new long[]{4}, new long[]{8});
        p.recordOutputs(0, 2, new int[]{0, 1}, java.util.List.of(e1OnH, e2OnOther));

        assertEquals(1, p.adopt("e1", "h", "e5", 7005));
        java.util.List<MapStatus> now = p.outputs(0);
        assertEquals(new MapStatus("e5", "h", 7005, "map_0_0", "/app/shuffle_0/map_0_0.data", new long[]{3},
                new long[]{9}), now.get(0), "same file and checksums, served by e5's block server");
        assertEquals(e2OnOther, now.get(1));

        // A reduce task that still read the old address reports e1's output lost: it stays, with e5.
        assertEquals(0, p.unregister(0, 0, "e1"));
        assertArrayEquals(new int[0], p.missingPartitions(0, 2));
        // A damaged file at e5 is forgotten with e5's outputs.
        assertEquals(1, p.unregister(0, 0, "e5"));
        assertArrayEquals(new int[]{0}, p.missingPartitions(0, 2));
    }
}
