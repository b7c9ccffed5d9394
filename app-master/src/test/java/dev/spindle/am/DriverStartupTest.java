package dev.spindle.am;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A driver's start on its own thread: whoever waits for it hears of its failure, whatever it threw. */
class DriverStartupTest {

    @Test
    void aFailedStartIsOneSentenceForEveryoneWaiting() {
        DriverStartup s = DriverStartup.begin(() -> {
            throw new IOException("cannot listen on 0.0.0.0:4040: Address already in use");
        });
        IOException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> assertThrows(IOException.class,
                s::await));
        assertEquals("the driver could not start: cannot listen on 0.0.0.0:4040: Address already in use",
                e.getMessage());
        assertThrows(IOException.class, s::await, "and again for a second waiter");
        assertTrue(s.uiUrl().isCompletedExceptionally(), "no UI to give YARN");
        assertNull(s.failure(), "no event loop failed: the start did");
        s.close();
    }

    @Test
    void anErrorInTheStartDoesNotLeaveAWaiterWaiting() {
        DriverStartup s = DriverStartup.begin(() -> {
            throw new NoClassDefFoundError("io/netty/channel/EventLoopGroup");
        });
        IOException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> assertThrows(IOException.class,
                s::await));
        assertTrue(e.getMessage().contains("NoClassDefFoundError: io/netty/channel/EventLoopGroup"), e.getMessage());
    }
}
