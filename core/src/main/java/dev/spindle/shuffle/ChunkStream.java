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
 * <p>Threading: the connection's I/O thread delivers; one thread reads and closes. Every chunk is
 * released exactly once, by whichever thread takes it off the queue: the reader as it finishes a chunk,
 * {@link #close} for those never read, and the I/O thread for one that comes after the close.
 */
final class ChunkStream extends InputStream implements MessageListener {
    static final int AHEAD = 4;
    private static final Object DISCONNECTED = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final String peer;
    private final long timeoutMillis;
    private volatile Connection connection;
    private volatile boolean closed;
    private ByteBuf current;
    private boolean sawLast;

    ChunkStream(String peer, long timeoutMillis) {
        this.peer = peer;
        this.timeoutMillis = timeoutMillis;
    }

    void connectedBy(Connection c) {
        this.connection = c;
    }

    @Override
    public void onChunk(Connection c, long requestId, boolean last, ByteBuf data) {
        queue.add(new Chunk(data, last));
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
        queue.add(DISCONNECTED);
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
            Connection c = connection;
            if (queue.size() <= 1 && c != null) {
                // Decided on the I/O thread, where chunks are queued: see Connection.readWhen.
                c.readWhen(() -> queue.size() < AHEAD);
            }
            if (next == null) {
                throw new IOException("no shuffle data from " + peer + " for " + timeoutMillis + " ms");
            } else if (next instanceof Chunk chunk) {
                current = chunk.data();
                sawLast = chunk.last();
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
        closed = true;
        if (current != null) {
            current.release();
            current = null;
        }
        releaseQueued();
        Connection c = connection;
        if (c != null) {
            c.close();
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
