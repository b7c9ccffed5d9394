package dev.spindle.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

import java.net.InetSocketAddress;

/**
 * One open link to a peer. {@link #send} may be called from any thread; messages from one thread
 * arrive in the order they were sent.
 */
public final class Connection {
    private final Channel channel;

    Connection(Channel channel) {
        this.channel = channel;
    }

    public void send(Message message) {
        channel.writeAndFlush(message).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    /** Sends and waits (bounded) until the bytes are written, for the last message before exit. */
    public void sendAndWait(Message message, long timeoutMillis) {
        channel.writeAndFlush(message).awaitUninterruptibly(timeoutMillis);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public void close() {
        channel.close();
    }

    public String remoteAddress() {
        if (channel.remoteAddress() instanceof InetSocketAddress a) {
            return a.getHostString() + ":" + a.getPort();
        }
        return String.valueOf(channel.remoteAddress());
    }

    @Override
    public String toString() {
        return "Connection[" + remoteAddress() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connection c && c.channel == channel;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(channel);
    }
}
