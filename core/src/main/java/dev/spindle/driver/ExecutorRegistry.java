package dev.spindle.driver;

import dev.spindle.protocol.Connection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The executors registered with the driver: their connection, host and when they were last heard
 * from. Pure bookkeeping, so that which executors count as alive is decided in one place.
 *
 * <p>Not thread-safe: owned by the driver's event thread.
 */
final class ExecutorRegistry {
    /** One registered executor; {@code lastSeen} moves with its heartbeats. */
    static final class Entry {
        final String id;
        final String host;
        final String containerId;
        /** Its block server's port; 0 when it has none. */
        final int blockPort;
        final Connection connection;
        long lastSeen;

        Entry(String id, String host, String containerId, int blockPort, Connection connection, long lastSeen) {
            this.id = id;
            this.host = host;
            this.containerId = containerId;
            this.blockPort = blockPort;
            this.connection = connection;
            this.lastSeen = lastSeen;
        }

        /** "id@host", as the summary names executors. */
        String label() {
            return id + "@" + host;
        }
    }

    private final Map<String, Entry> byId = new HashMap<>();
    private final Map<Connection, String> byConnection = new HashMap<>();

    boolean contains(String executorId) {
        return byId.containsKey(executorId);
    }

    void add(String executorId, String host, String containerId, int blockPort, Connection connection, long now) {
        if (byId.containsKey(executorId)) {
            throw new IllegalStateException("executor " + executorId + " is registered already");
        }
        byId.put(executorId, new Entry(executorId, host, containerId, blockPort, connection, now));
        byConnection.put(connection, executorId);
    }

    Entry get(String executorId) {
        return byId.get(executorId);
    }

    /** The executor on {@code connection}, or null when the peer is not a registered executor. */
    String idOf(Connection connection) {
        return byConnection.get(connection);
    }

    /** Removes and returns the executor, or null when it was not registered. */
    Entry remove(String executorId) {
        Entry e = byId.remove(executorId);
        if (e != null) {
            byConnection.remove(e.connection);
        }
        return e;
    }

    void heard(String executorId, long now) {
        Entry e = byId.get(executorId);
        if (e != null) {
            e.lastSeen = now;
        }
    }

    /** Executors silent for longer than {@code timeoutMillis} at {@code now}. */
    List<String> silent(long now, long timeoutMillis) {
        List<String> out = new ArrayList<>();
        for (Entry e : byId.values()) {
            if (now - e.lastSeen > timeoutMillis) {
                out.add(e.id);
            }
        }
        return out;
    }

    Collection<Entry> all() {
        return byId.values();
    }

    /** Sends {@code message} to every registered executor; returns to how many. */
    int sendToAll(dev.spindle.protocol.Message message) {
        for (Entry e : byId.values()) {
            e.connection.send(message);
        }
        return byId.size();
    }
}
