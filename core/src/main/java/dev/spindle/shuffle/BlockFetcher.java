package dev.spindle.shuffle;

import dev.spindle.protocol.Transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * Fetches one reduce partition of a map output from the executor that wrote it, as a stream
 * ({@link ChunkStream}): chunks are read from the network only a few ahead of the consumer, so a block
 * is never held whole in memory. Connections to block servers are kept between fetches
 * ({@link FetchConnections}) and closed after {@code spindle.network.timeout} idle.
 *
 * <p>Thread-safe; each stream is for one reading thread.
 */
public final class BlockFetcher implements AutoCloseable {
    private final FetchConnections connections;
    private final long timeoutMillis;

    public BlockFetcher(Transport transport, long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.connections = new FetchConnections(transport, timeoutMillis, timeoutMillis, System::nanoTime);
    }

    public InputStream fetch(String host, int port, int shuffleId, String block, int reducePartition) throws IOException {
        return new ChunkStream(host + ":" + port, timeoutMillis,
                (stream, fresh) -> connections.borrow(host, port, fresh).request(stream, shuffleId, block, reducePartition))
                .start();
    }

    /**
     * Closes the connections idle for longer than {@code spindle.network.timeout}: call it now and then
     * (the executor does, on its timer), else they are only closed at the next fetch.
     */
    public void closeIdle() {
        connections.closeExpired();
    }

    /** How many connections to block servers wait idle for the next fetch. */
    public int idleConnections() {
        return connections.idleCount();
    }

    /** Closes the idle connections; those of fetches still open close with their streams. */
    @Override
    public void close() {
        connections.close();
    }
}
