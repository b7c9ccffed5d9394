package dev.spindle.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DriverWatchTest {
    @Test
    void aDriverIsSilentOnlyPastTheTimeoutSinceItWasLastHeard() {
        long[] now = {1_000};
        DriverWatch watch = new DriverWatch(5_000, () -> now[0]);
        now[0] = 6_000;
        assertEquals(-1, watch.silentForMillis(), "exactly the timeout is not yet silence");
        now[0] = 6_001;
        assertEquals(5_001, watch.silentForMillis());
        watch.heard();
        assertEquals(-1, watch.silentForMillis());
        now[0] = 20_000;
        assertEquals(13_999, watch.silentForMillis());
    }
}
