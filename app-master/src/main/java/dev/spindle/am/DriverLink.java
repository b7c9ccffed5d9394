package dev.spindle.am;

import dev.spindle.protocol.Message;

import java.io.IOException;

/**
 * The ApplicationMaster's connection to the driver (in this JVM in cluster mode, in spindle-submit in
 * client mode). Narrow so that a fake driver stands in for the network in unit tests;
 * {@link TransportDriverLink} is the real one.
 */
interface DriverLink {
    /** What the driver says, on an I/O thread. */
    interface Events {
        void onMessage(Message message);

        void onDisconnected();
    }

    /**
     * Connects and introduces this attempt.
     *
     * @throws IOException when the driver cannot be reached
     */
    void connect(String attemptId, Events events) throws IOException;

    void send(Message message);

    void close();
}
