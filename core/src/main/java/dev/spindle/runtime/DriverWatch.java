package dev.spindle.runtime;

import java.util.function.LongSupplier;

/**
 * When an executor or a client-mode ApplicationMaster last heard from its driver, and whether that
 * is too long ago: a driver that is stopped (SIGSTOP) or cut off by the network keeps its TCP
 * connection open, so only silence tells. The driver answers every heartbeat, so silence past
 * {@code spindle.network.timeout} means the driver is gone, and the process ends instead of holding
 * its containers for ever.
 *
 * <p>Thread-safe: {@link #heard} runs on the connection's I/O thread, {@link #silentForMillis} on the
 * thread that sends the heartbeats.
 */
public final class DriverWatch {
    private final long timeoutMillis;
    private final LongSupplier clock;
    private volatile long lastHeard;

    public DriverWatch(long timeoutMillis, LongSupplier clock) {
        this.timeoutMillis = timeoutMillis;
        this.clock = clock;
        this.lastHeard = clock.getAsLong();
    }

    /** Something came from the driver. */
    public void heard() {
        lastHeard = clock.getAsLong();
    }

    /** How long the driver has been silent, if longer than the timeout; else -1. */
    public long silentForMillis() {
        long silent = clock.getAsLong() - lastHeard;
        return silent > timeoutMillis ? silent : -1;
    }
}
