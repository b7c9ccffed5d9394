package dev.spindle.executor;

import java.util.function.LongSupplier;

/**
 * When the executor last heard from its driver, and whether that is too long ago: a driver that is
 * stopped (SIGSTOP) or cut off by the network keeps its TCP connection open, so only silence tells.
 * The driver answers every heartbeat, so silence past {@code spindle.network.timeout} means the driver
 * is gone, and the executor exits instead of holding its container for ever.
 *
 * <p>Thread-safe: {@link #heard} runs on the connection's I/O thread, {@link #silentForMillis} on the
 * heartbeat thread.
 */
final class DriverWatch {
    private final long timeoutMillis;
    private final LongSupplier clock;
    private volatile long lastHeard;

    DriverWatch(long timeoutMillis, LongSupplier clock) {
        this.timeoutMillis = timeoutMillis;
        this.clock = clock;
        this.lastHeard = clock.getAsLong();
    }

    /** Something came from the driver. */
    void heard() {
        lastHeard = clock.getAsLong();
    }

    /** How long the driver has been silent, if longer than the timeout; else -1. */
    long silentForMillis() {
        long silent = clock.getAsLong() - lastHeard;
        return silent > timeoutMillis ? silent : -1;
    }
}
