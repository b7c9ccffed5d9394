package dev.spindle.shuffle;

import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.BlockFailed;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One fetched block as a stream: the chunks the connection delivers are queued as Netty received them
 * and copied once, into the reader's buffer. The connection stops reading while {@link #AHEAD} chunks
 * wait, so a block is never held whole in memory; whether it reads is only ever decided on its I/O
 * thread, so a resume cannot overtake a stop.
 *
 * <p>The connection is lent by {@link FetchConnections}: once the block's last chunk has arrived the
 * close gives it back for another block, else it closes it. A connection lent again may have been closed
 * by the peer while idle: lost before any chunk came, the request is sent once more on a new connection.
 *
 * <p>Threading: the connection's I/O thread delivers; one thread reads and closes. Every chunk is
 * released exactly once, by whichever thread takes it off the queue: the reader as it finishes a chunk,
 * {@link #close} for those never read, and the I/O thread for one that comes after the close.
 */
final class ChunkStream extends InputStream implements MessageListener {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChunkStream.class);
    static final int AHEAD = 4;

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final String peer;
    private final long timeoutMillis;
    private final Requester requester;
    private volatile Carrier lease;
    private volatile long requestId;
    private volatile boolean lastArrived;
    private volatile boolean closed;
    private ByteBuf current;
    private boolean sawLast;
    private boolean sawChunk;

    /**
     * The connection that carries a stream's block, as the stream sees it ({@link FetchConnections}'
     * lease): flow control and what becomes of it once the block is read.
     */
    interface Carrier {
        /** Decides on the connection's I/O thread, by {@code read} evaluated there, whether to read on. */
        void readWhen(java.util.function.BooleanSupplier read);

        /** The block arrived whole: the connection may carry another. */
        void blockDone();

        /** The block did not arrive whole: the connection carries no other. */
        void discard();

        /** Whether the connection carried a block before: a peer may have closed it since. */
        boolean reused();
    }

    /** Asks for the block, on a new connection if {@code fresh}, for the stream to receive. */
    @FunctionalInterface
    interface Requester {
        void request(ChunkStream stream, boolean fresh) throws IOException;
    }

    /** A stream that is given chunks directly, with no connection behind it. */
    ChunkStream(String peer, long timeoutMillis) {
        this(peer, timeoutMillis, null);
    }

    ChunkStream(String peer, long timeoutMillis, Requester requester) {
        this.peer = peer;
        this.timeoutMillis = timeoutMillis;
        this.requester = requester;
    }

    /** Sends the request. */
    ChunkStream start() throws IOException {
        requester.request(this, false);
        return this;
    }

    /** Called by the lease as it sends request {@code id} for this stream. */
    void carriedBy(Carrier l, long id) {
        this.requestId = id;
        this.lease = l;
    }

    boolean isRequest(long id) {
        return id == requestId;
    }

    @Override
    public void onChunk(Connection c, long requestId, boolean last, ByteBuf data) {
        queue.add(new Chunk(data, last));
        if (last) {
            // After the add: a close that sees the flag finds the chunk queued, or read.
            lastArrived = true;
        }
        if (closed) {
            releaseQueued();
        } else if (queue.size() >= AHEAD && c != null) {
            c.setAutoRead(false);
        }
    }

    @Override
    public void onMessage(Connection c, Message message) {
        queue.add(message);
    }

    @Override
    public void onDisconnected(Connection c) {
        lost(null);
    }

    /** The connection of {@code l} (null: the only one) is lost. */
    void lost(Carrier l) {
        queue.add(new Lost(l));
    }

    private record Lost(Carrier lease) {
    }

    private record Chunk(ByteBuf data, boolean last) {
    }

    /** Whether there are bytes to read in {@link #current}, waiting for the next chunk if need be. */
    private boolean fill() throws IOException {
        while (current == null || !current.isReadable()) {
            if (current != null) {
                current.release();
                current = null;
            }
            if (sawLast) {
                return false;
            }
            if (closed) {
                throw new IOException("the stream from " + peer + " is closed");
            }
            Object next;
            try {
                next = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching from " + peer, e);
            }
            Carrier l = lease;
            if (queue.size() <= 1 && l != null) {
                // Decided on the I/O thread, where chunks are queued: see Connection.readWhen.
                l.readWhen(() -> queue.size() < AHEAD);
            }
            if (next == null) {
                throw new IOException("no shuffle data from " + peer + " for " + timeoutMillis + " ms");
            } else if (next instanceof Chunk chunk) {
                current = chunk.data();
                sawLast = chunk.last();
                sawChunk = true;
            } else if (next instanceof Lost lost && lost.lease() != null && lost.lease() != l) {
                LOG.debug("A connection to {} this fetch has left is lost", peer);
            } else if (next instanceof Lost && !sawChunk && l != null && l.reused()) {
                // An idle connection the peer closed before it knew of this request: ask again, afresh.
                lease = null;
                requester.request(this, true);
            } else if (next instanceof BlockFailed failed) {
                throw new IOException(peer + ": " + failed.reason());
            } else {
                throw new IOException("the connection to " + peer + " closed before the block was complete");
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current.readByte() & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.readableBytes());
        current.readBytes(b, off, n);
        return n;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            current.release();
            current = null;
        }
        releaseQueued();
        Carrier l = lease;
        lease = null;
        if (l != null) {
            // The flag may still be unset when the reader has already taken the last chunk.
            if (sawLast || lastArrived) {
                l.blockDone();
            } else {
                l.discard();
            }
        }
    }

    private void releaseQueued() {
        for (Object o; (o = queue.poll()) != null; ) {
            if (o instanceof Chunk chunk) {
                chunk.data().release();
            }
        }
    }
}
