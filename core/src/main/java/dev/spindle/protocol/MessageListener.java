package dev.spindle.protocol;

/**
 * Receives what happens on connections. Called on Netty's I/O threads: implementations hand each
 * event to their owner's event thread and return at once.
 */
public interface MessageListener {
    default void onConnected(Connection connection) {
    }

    void onMessage(Connection connection, Message message);

    void onDisconnected(Connection connection);
}
