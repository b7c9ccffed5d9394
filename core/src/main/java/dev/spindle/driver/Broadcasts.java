package dev.spindle.driver;

import dev.spindle.protocol.Messages.BroadcastValue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The serialized values of the application's broadcasts, which executors fetch once each. Values are
 * kept until destroyed (or the application ends).
 *
 * <p>Thread-safe: user threads add and destroy, the event thread serves.
 */
final class Broadcasts {
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, byte[]> values = new ConcurrentHashMap<>();
    private final long maxBytes;
    private final java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();

    /** @param maxBytes the largest value one message can carry */
    Broadcasts(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** @throws IllegalArgumentException if the value is larger than one message can carry */
    long add(byte[] value) {
        if (value.length > maxBytes) {
            throw new IllegalArgumentException("a broadcast value of " + value.length + " bytes serialized is more than"
                    + " the " + maxBytes + " Spindle can ship in one message; broadcast less, or read the data from"
                    + " a file in each task");
        }
        long id = ids.getAndIncrement();
        values.put(id, value);
        return id;
    }

    void destroy(long id) {
        values.remove(id);
    }

    /** How many requests were answered: one per executor per broadcast, unless unpersisted in between. */
    int served() {
        return served.get();
    }

    /** The answer to an executor asking for broadcast {@code id}. */
    BroadcastValue serve(long id) {
        byte[] value = values.get(id);
        served.incrementAndGet();
        if (value != null) {
            return new BroadcastValue(id, value, "");
        }
        return new BroadcastValue(id, new byte[0], id < ids.get() ? "broadcast " + id + " was destroyed"
                : "there is no broadcast " + id);
    }
}
