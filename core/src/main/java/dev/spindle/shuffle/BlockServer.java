package dev.spindle.shuffle;

import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.BlockChunk;
import dev.spindle.protocol.Messages.BlockFailed;
import dev.spindle.protocol.Messages.FetchBlock;
import dev.spindle.protocol.Transport;
import io.netty.channel.Channel;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Serves this executor's map outputs to reduce tasks on other hosts: each requested partition goes out
 * in chunks of at most {@link #CHUNK_BYTES}, each sent from the data file straight to the socket.
 * Only files under this executor's shuffle directory can be asked for, and only by the application's
 * own processes (the transport's handshake proves them).
 *
 * <p>Runs on Netty's I/O threads; stateless between requests.
 */
public final class BlockServer implements AutoCloseable {
    public static final int CHUNK_BYTES = 1 << 18;
    private static final Pattern SAFE_NAME = Pattern.compile("map_[0-9]{1,10}_[0-9]{1,19}");

    private final File shuffleRoot;
    private final Channel channel;

    public BlockServer(Transport transport, File shuffleRoot, String bindHost) throws IOException {
        this.shuffleRoot = shuffleRoot;
        this.channel = transport.bind(bindHost, 0, Set.of(Link.SHUFFLE), new MessageListener() {
            @Override
            public void onMessage(Connection connection, Message message) {
                if (message instanceof FetchBlock f) {
                    serve(connection, f);
                }
            }

            @Override
            public void onDisconnected(Connection connection) {
            }
        });
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    private void serve(Connection connection, FetchBlock f) {
        if (!SAFE_NAME.matcher(f.block()).matches() || f.shuffleId() < 0) {
            // Only this executor's own map outputs, never a path out of its shuffle directory.
            connection.send(new BlockFailed(f.requestId(), "no such map output: shuffle " + f.shuffleId() + ", block '"
                    + f.block() + "'"));
            return;
        }
        File data = new File(new File(shuffleRoot, "shuffle_" + f.shuffleId()), f.block() + ".data");
        try {
            long[] segment = ShuffleFiles.segment(data, f.reducePartition());
            long start = segment[0];
            long length = segment[1];
            if (length == 0) {
                connection.send(new BlockChunk(f.requestId(), true, new byte[0]));
                return;
            }
            for (long done = 0; done < length; done += CHUNK_BYTES) {
                long n = Math.min(CHUNK_BYTES, length - done);
                connection.sendFileChunk(f.requestId(), done + n == length, data, start + done, n);
            }
        } catch (IOException | RuntimeException e) {
            connection.send(new BlockFailed(f.requestId(), "cannot serve partition " + f.reducePartition() + " of "
                    + data + ": " + e.getMessage()));
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2000);
    }
}
