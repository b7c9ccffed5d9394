package dev.spindle.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Receives what happens on connections. Called on Netty's I/O threads: implementations hand each
 * event to their owner's event thread and return at once.
 */
public interface MessageListener {
    default void onConnected(Connection connection) {
    }

    void onMessage(Connection connection, Message message);

    /**
     * A {@link Messages.BlockChunk} as it came off the wire, its bytes not copied: the listener owns
     * {@code data} and must release it. Shuffle fetches read chunks from here straight into the reader's
     * buffer; by default the bytes are copied into a {@code BlockChunk} for {@link #onMessage}.
     */
    default void onChunk(Connection connection, long requestId, boolean last, ByteBuf data) {
        byte[] bytes;
        try {
            bytes = new byte[data.readableBytes()];
            data.readBytes(bytes);
        } finally {
            data.release();
        }
        onMessage(connection, new Messages.BlockChunk(requestId, last, bytes));
    }

    void onDisconnected(Connection connection);
}
