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
    private final Link link;

    Connection(Channel channel, Link link) {
        this.channel = channel;
        this.link = link;
    }

    /** The kind of peer at the other end, proved in the handshake. */
    public Link link() {
        return link;
    }

    // addListener returns the same future; a failed write reaches the pipeline's exceptionCaught.
    @SuppressWarnings("FutureReturnValueIgnored")
    public void send(Message message) {
        channel.writeAndFlush(message).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    /** Sends and waits (bounded) until the bytes are written, for the last message before exit. */
    public void sendAndWait(Message message, long timeoutMillis) {
        channel.writeAndFlush(message).awaitUninterruptibly(timeoutMillis);
    }

    /**
     * Sends {@code length} bytes of {@code file} from {@code position} as one {@link Messages.BlockChunk},
     * straight from the file to the socket without passing through the heap (unless the connection is
     * encrypted: then the bytes are read, sealed and sent).
     */
    @SuppressWarnings("FutureReturnValueIgnored")
    public void sendFileChunk(long requestId, boolean last, java.io.File file, long position, long length) {
        io.netty.buffer.ByteBuf header = channel.alloc().buffer(4 + MessageCodec.CHUNK_HEADER_BYTES);
        header.writeInt((int) (MessageCodec.CHUNK_HEADER_BYTES + length));
        MessageCodec.writeChunkHeader(header, requestId, last);
        channel.write(header);
        channel.writeAndFlush(new io.netty.channel.DefaultFileRegion(file, position, length))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    /**
     * Stops or resumes reading from the peer: backpressure for a consumer slower than the network. Call
     * it on the connection's I/O thread (from a listener); other threads use {@link #readWhen}.
     */
    public void setAutoRead(boolean read) {
        channel.config().setAutoRead(read);
    }

    /**
     * Decides on the connection's I/O thread whether to read from the peer, by {@code read} evaluated
     * there. A consumer's thread must not set the flag itself: its "resume" could land after the I/O
     * thread's "stop" for a message that arrived meanwhile, though it saw the queue before that message,
     * and the connection would then wait for a consumer that waits for it.
     */
    public void readWhen(java.util.function.BooleanSupplier read) {
        if (channel.eventLoop().inEventLoop()) {
            channel.config().setAutoRead(read.getAsBoolean());
        } else {
            try {
                channel.eventLoop().execute(() -> channel.config().setAutoRead(read.getAsBoolean()));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The transport is shutting down: there is nothing more to read.
            }
        }
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @SuppressWarnings("FutureReturnValueIgnored") // completes on its own; the listener's onDisconnected follows
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
