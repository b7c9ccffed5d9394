package dev.spindle.shuffle;

import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.FetchBlock;
import dev.spindle.protocol.Transport;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The connections to block servers that a {@link BlockFetcher} keeps between fetches: a fetch borrows an
 * idle one to the same server, or opens one, and gives it back once its block has arrived whole. An
 * executor so pays a connection and its handshake once per peer it reads from, not once per map output
 * (a reduce task reads one output of every map task).
 *
 * <p>A connection carries one block at a time: a fetch's flow control stops the whole connection while
 * its reader is behind, so a second block on it would wait for the first one's reader. A connection that
 * ends a block early (closed half-read, failed, lost) is closed, never lent again. Idle connections are
 * closed after {@code idleMillis} or beyond {@link #MAX_IDLE_PER_PEER} per server, so those to peers no
 * longer read from do not stay open: checked at a borrow (at most once a second) and by
 * {@link #closeExpired}, which the executor calls on a timer, so they close on time also when it stops
 * fetching.
 *
 * <p>Thread-safe: reading threads borrow and give back; I/O threads report connections the peer closed.
 */
final class FetchConnections implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FetchConnections.class);
    /** Idle connections kept per block server: a reduce task reads one output and the next one ahead. */
    static final int MAX_IDLE_PER_PEER = 4;
    private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

    private final Transport transport;
    private final long timeoutMillis;
    private final long idleNanos;
    private final LongSupplier nanoClock;
    private final Map<String, ArrayDeque<Lease>> idle = new HashMap<>();
    private boolean closed;
    private long lastSweep;

    FetchConnections(Transport transport, long timeoutMillis, long idleMillis, LongSupplier nanoClock) {
        this.transport = transport;
        this.timeoutMillis = timeoutMillis;
        this.idleNanos = idleMillis * 1_000_000L;
        this.nanoClock = nanoClock;
        this.lastSweep = nanoClock.getAsLong();
    }

    /**
     * A connection to {@code host:port} for one block: an idle one if there is one and {@code fresh} is
     * false, else a new one (connected and proved here).
     */
    Lease borrow(String host, int port, boolean fresh) throws IOException {
        String peer = host + ":" + port;
        Lease idleOne = idleOne(peer, fresh);
        if (idleOne != null) {
            return idleOne;
        }
        Lease l = new Lease(peer);
        l.connection = transport.connect(host, port, timeoutMillis, Link.SHUFFLE, l);
        return l;
    }

    private synchronized Lease idleOne(String peer, boolean fresh) throws IOException {
        if (closed) {
            throw new IOException("the shuffle fetcher is closed");
        }
        long now = nanoClock.getAsLong();
        if (now - lastSweep >= SWEEP_EVERY_NANOS) {
            sweep(now);
        }
        ArrayDeque<Lease> waiting = fresh ? null : idle.get(peer);
        // The most recently given back first: the least recently used then age out.
        for (Lease l; waiting != null && (l = waiting.pollLast()) != null; ) {
            if (l.usable()) {
                l.reused = true;
                return l;
            }
            l.connection.close();
        }
        return null;
    }

    /** Closes the idle connections past their idle time (and any a peer closed); cheap when none are. */
    synchronized void closeExpired() {
        sweep(nanoClock.getAsLong());
    }

    /** Closes idle connections past their time; a borrow calls it at most once a second, so borrowing stays cheap. */
    private void sweep(long now) {
        lastSweep = now;
        for (Iterator<ArrayDeque<Lease>> peers = idle.values().iterator(); peers.hasNext(); ) {
            ArrayDeque<Lease> waiting = peers.next();
            for (Iterator<Lease> it = waiting.iterator(); it.hasNext(); ) {
                Lease l = it.next();
                if (now - l.idleSince >= idleNanos || !l.usable()) {
                    it.remove();
                    l.connection.close();
                }
            }
            if (waiting.isEmpty()) {
                peers.remove();
            }
        }
    }

    private void giveBack(Lease l) {
        l.stream = null;
        if (!l.usable()) {
            l.connection.close();
            return;
        }
        // The last block may have left reading stopped; an idle connection reads, so a peer's close is
        // seen. Asked before the lease is lent again, so it runs before the next request is sent.
        l.connection.readWhen(() -> true);
        synchronized (this) {
            ArrayDeque<Lease> waiting = idle.computeIfAbsent(l.peer, p -> new ArrayDeque<>());
            if (!closed && waiting.size() < MAX_IDLE_PER_PEER) {
                l.idleSince = nanoClock.getAsLong();
                waiting.addLast(l);
                return;
            }
        }
        l.connection.close();
    }

    private synchronized void forget(Lease l) {
        ArrayDeque<Lease> waiting = idle.get(l.peer);
        if (waiting != null) {
            waiting.remove(l);
        }
    }

    /** How many connections wait idle, over all block servers. */
    synchronized int idleCount() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** Closes the idle connections; those lent out are closed when given back. */
    @Override
    public void close() {
        List<Lease> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(toClose::addAll);
            idle.clear();
        }
        toClose.forEach(l -> l.connection.close());
    }

    /**
     * One connection to a block server, lent to one {@link ChunkStream} at a time: it routes what the
     * connection delivers to the stream it carries.
     */
    final class Lease implements MessageListener, ChunkStream.Carrier {
        private final String peer;
        private volatile Connection connection;
        private volatile ChunkStream stream;
        private volatile boolean disconnected;
        private boolean reused;
        private long requests;
        private long idleSince;

        private Lease(String peer) {
            this.peer = peer;
        }

        private boolean usable() {
            return !disconnected && connection.isOpen();
        }

        @Override
        public boolean reused() {
            return reused;
        }

        /** Asks for a block on this connection; what arrives goes to {@code s}. */
        void request(ChunkStream s, int shuffleId, String block, int reducePartition) {
            long id = ++requests;
            s.carriedBy(this, id);
            stream = s;
            if (disconnected) {
                // Lost before the stream was attached: onDisconnected could not tell it.
                s.lost(this);
            }
            connection.send(new FetchBlock(id, shuffleId, block, reducePartition));
        }

        /** See {@link Connection#readWhen}. */
        @Override
        public void readWhen(java.util.function.BooleanSupplier read) {
            connection.readWhen(read);
        }

        @Override
        public void blockDone() {
            giveBack(this);
        }

        @Override
        public void discard() {
            stream = null;
            connection.close();
        }

        @Override
        public void onChunk(Connection c, long requestId, boolean last, ByteBuf data) {
            ChunkStream s = stream;
            if (s == null || !s.isRequest(requestId)) {
                data.release();
                LOG.warn("Closing the shuffle connection to {}: a chunk of request {} that no fetch waits for", peer,
                        requestId);
                c.close();
                return;
            }
            s.onChunk(c, requestId, last, data);
        }

        @Override
        public void onMessage(Connection c, Message message) {
            ChunkStream s = stream;
            if (s == null) {
                LOG.warn("Closing the shuffle connection to {}: {} while no fetch waits", peer,
                        message.getClass().getSimpleName());
                c.close();
                return;
            }
            s.onMessage(c, message);
        }

        @Override
        public void onDisconnected(Connection c) {
            disconnected = true;
            forget(this);
            ChunkStream s = stream;
            if (s != null) {
                s.lost(this);
            }
        }

        @Override
        public String toString() {
            return "Lease[" + peer + ", requests=" + requests + "]";
        }
    }
}
