package dev.spindle.shuffle;

import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.BlockChunk;
import dev.spindle.protocol.Messages.BlockFailed;
import dev.spindle.protocol.Messages.FetchBlock;
import dev.spindle.protocol.Transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Fetches one reduce partition of a map output from the executor that wrote it, as a stream: chunks
 * are read from the network only a few ahead of the consumer (the connection stops reading while
 * {@link #AHEAD} chunks wait), so a block is never held whole in memory.
 *
 * <p>Thread-safe; each stream is for one reading thread.
 */
public final class BlockFetcher {
    static final int AHEAD = 4;

    private final Transport transport;
    private final long timeoutMillis;

    public BlockFetcher(Transport transport, long timeoutMillis) {
        this.transport = transport;
        this.timeoutMillis = timeoutMillis;
    }

    public InputStream fetch(String host, int port, int shuffleId, String block, int reducePartition) throws IOException {
        ChunkStream stream = new ChunkStream(host + ":" + port, timeoutMillis);
        Connection c = transport.connect(host, port, timeoutMillis, Link.SHUFFLE, stream);
        stream.connection = c;
        c.send(new FetchBlock(1, shuffleId, block, reducePartition));
        return stream;
    }

    private static final class ChunkStream extends InputStream implements MessageListener {
        private static final Object CLOSED = new Object();

        private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private final String peer;
        private final long timeoutMillis;
        private volatile Connection connection;
        private byte[] current = new byte[0];
        private int pos;
        private boolean sawLast;

        ChunkStream(String peer, long timeoutMillis) {
            this.peer = peer;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void onMessage(Connection c, Message message) {
            queue.add(message);
            if (queue.size() >= AHEAD) {
                c.setAutoRead(false);
            }
        }

        @Override
        public void onDisconnected(Connection c) {
            queue.add(CLOSED);
        }

        private boolean fill() throws IOException {
            while (pos >= current.length) {
                if (sawLast) {
                    return false;
                }
                Object next;
                try {
                    next = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while fetching from " + peer, e);
                }
                if (queue.size() <= 1 && connection != null) {
                    connection.setAutoRead(true);
                }
                if (next == null) {
                    throw new IOException("no shuffle data from " + peer + " for " + timeoutMillis + " ms");
                } else if (next instanceof BlockChunk chunk) {
                    current = chunk.data();
                    pos = 0;
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
            return fill() ? current[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
