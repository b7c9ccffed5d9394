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
}
