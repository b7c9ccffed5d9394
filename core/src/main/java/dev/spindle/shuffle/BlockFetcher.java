package dev.spindle.shuffle;

import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Messages.FetchBlock;
import dev.spindle.protocol.Transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * Fetches one reduce partition of a map output from the executor that wrote it, as a stream
 * ({@link ChunkStream}): chunks are read from the network only a few ahead of the consumer, so a block
 * is never held whole in memory.
 *
 * <p>Thread-safe; each stream is for one reading thread.
 */
public final class BlockFetcher {
    private final Transport transport;
    private final long timeoutMillis;

    public BlockFetcher(Transport transport, long timeoutMillis) {
        this.transport = transport;
        this.timeoutMillis = timeoutMillis;
    }

    public InputStream fetch(String host, int port, int shuffleId, String block, int reducePartition) throws IOException {
        ChunkStream stream = new ChunkStream(host + ":" + port, timeoutMillis);
        Connection c = transport.connect(host, port, timeoutMillis, Link.SHUFFLE, stream);
        stream.connectedBy(c);
        c.send(new FetchBlock(1, shuffleId, block, reducePartition));
        return stream;
    }
}
