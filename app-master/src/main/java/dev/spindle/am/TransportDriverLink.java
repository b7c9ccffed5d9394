package dev.spindle.am;

import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.RegisterAm;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Transport;
import dev.spindle.protocol.TransportSecurity;

import java.io.IOException;

/** {@link DriverLink} over Spindle's transport to the driver's host:port. */
final class TransportDriverLink implements DriverLink {
    /** Where the driver listens ({@code host:port}): known at once, or once a cluster-mode driver is up. */
    @FunctionalInterface
    interface Address {
        String get() throws IOException;
    }

    private final Address address;
    private final TransportSecurity security;
    private Transport transport;
    private volatile Connection connection;

    TransportDriverLink(Address address, TransportSecurity security) {
        this.address = address;
        this.security = security;
    }

    @Override
    public void connect(String attemptId, Events events) throws IOException {
        String driverAddress = address.get();
        int colon = driverAddress.lastIndexOf(':');
        if (colon <= 0) {
            throw new IOException("the driver's address is not host:port: '" + driverAddress + "'");
        }
        transport = new Transport("am", 1, security);
        int port;
        try {
            port = Integer.parseInt(driverAddress.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IOException("the driver's address is not host:port: '" + driverAddress + "'", e);
        }
        connection = transport.connect(driverAddress.substring(0, colon), port, 10_000, Link.APPLICATION_MASTER, new MessageListener() {
            @Override
            public void onMessage(Connection c, Message message) {
                events.onMessage(message);
            }

            @Override
            public void onDisconnected(Connection c) {
                events.onDisconnected();
            }
        });
        connection.send(new RegisterAm(attemptId));
    }

    @Override
    public void send(Message message) {
        Connection c = connection;
        if (c != null) {
            c.send(message);
        }
    }

    @Override
    public void close() {
        if (transport != null) {
            transport.close();
        }
    }
}
