package dev.spindle.protocol;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Netty plumbing for the protocol: every connection first runs the {@link Handshake} under the
 * application's secret, then carries length-prefixed frames, each holding one {@link MessageCodec}
 * message (inside AES-GCM records when encryption is on). A listener hears of a connection only once
 * its peer has proved itself, and only messages its peer's {@link Link} allows. One instance per
 * process owns a small I/O thread group; servers and clients made from it share those threads.
 */
public final class Transport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    /** Largest frame accepted from a proved peer: a task closure or result above this is refused. */
    public static final int MAX_FRAME_BYTES = 512 * 1024 * 1024;

    private final EventLoopGroup group;
    private final TransportSecurity security;

    public Transport(String name, int threads, TransportSecurity security) {
        this.security = security;
        this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory("spindle-" + name + "-io", true));
    }

    /**
     * Binds a server on {@code bindHost:port} (port 0 picks one) for peers of the {@code accepted}
     * kinds; returns the bound channel.
     */
    public Channel bind(String bindHost, int port, Set<Link> accepted, MessageListener listener) throws IOException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("frames", new LengthFieldBasedFrameDecoder(Handshake.MAX_FRAME_BYTES, 0, 4, 0, 4))
                                .addLast("handshake", new Handshake.Server(security, accepted,
                                        (ctx, link, keys) -> secured(ctx.pipeline(), link, true, keys, listener)));
                    }
                });
        try {
            return b.bind(bindHost, port).sync().channel();
        } catch (Exception e) {
            throw new IOException("cannot listen on " + bindHost + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connects to a server as a peer of kind {@code link} and runs the handshake, waiting at most
     * {@code timeoutMillis} for both.
     *
     * @throws IOException if the server cannot be reached or does not prove it belongs to the application
     */
    public Connection connect(String host, int port, long timeoutMillis, Link link, MessageListener listener)
            throws IOException {
        Channel ch = null;
        Promise<Void> proved;
        try {
            ch = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                        }
                    })
                    .register().sync().channel();
            proved = ch.eventLoop().newPromise();
            ch.pipeline()
                    .addLast("frames", new LengthFieldBasedFrameDecoder(Handshake.MAX_FRAME_BYTES, 0, 4, 0, 4))
                    .addLast("handshake", new Handshake.Client(security, link, proved,
                            (ctx, l, keys) -> secured(ctx.pipeline(), l, false, keys, listener)));
            ch.connect(new InetSocketAddress(host, port)).sync();
        } catch (Exception e) {
            if (ch != null) {
                ch.close().awaitUninterruptibly(2000);
            }
            throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        if (!proved.awaitUninterruptibly(timeoutMillis) || !proved.isSuccess()) {
            ch.close().awaitUninterruptibly(2000);
            String why = proved.isDone() ? proved.cause().getMessage() : "no answer to the handshake in " + timeoutMillis + " ms";
            throw new IOException(host + ":" + port + " refused or failed the handshake: " + why);
        }
        return ch.attr(Handler.CONNECTION).get();
    }

    public TransportSecurity security() {
        return security;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Turns a proved channel into a message channel: big frames, encryption if on, then the listener. */
    private void secured(ChannelPipeline p, Link link, boolean server, SessionKeys keys, MessageListener listener) {
        // New handlers go after the handshake's frame decoder before it leaves, so bytes it still holds
        // flow into them.
        String last = "frames";
        if (security.encrypt()) {
            p.addAfter(last, "sealed", new LengthFieldBasedFrameDecoder(MAX_FRAME_BYTES + 64, 0, 4, 0, 4));
            p.addAfter("sealed", "open", new FrameCipher.Opener(server ? keys.clientToServerKey() : keys.serverToClientKey()));
            p.addAfter("open", "seal", new FrameCipher.Sealer(server ? keys.serverToClientKey() : keys.clientToServerKey()));
            last = "seal";
        }
        LengthFieldBasedFrameDecoder messages = new LengthFieldBasedFrameDecoder(MAX_FRAME_BYTES, 0, 4, 0, 4);
        // A shuffle chunk's frame spans many socket reads: gathered as a composite instead of copied
        // into one growing buffer, its bytes are copied once, into the message.
        messages.setCumulator(io.netty.handler.codec.ByteToMessageDecoder.COMPOSITE_CUMULATOR);
        p.addAfter(last, "messages", messages);
        p.addAfter("messages", "encoder", new Encoder());
        p.addAfter("encoder", "handler", new Handler(listener, link, server));
        p.remove("handshake");
        p.remove("frames");
    }

    private static final class Encoder extends MessageToByteEncoder<Message> {
        @Override
        protected void encode(ChannelHandlerContext ctx, Message msg, ByteBuf out) {
            int lengthAt = out.writerIndex();
            out.writeInt(0);
            MessageCodec.encode(msg, out);
            out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<ByteBuf> {
        static final io.netty.util.AttributeKey<Connection> CONNECTION = io.netty.util.AttributeKey.valueOf("spindle.connection");

        private final MessageListener listener;
        private final Link link;
        private final boolean server;
        private Connection connection;

        Handler(MessageListener listener, Link link, boolean server) {
            this.listener = listener;
            this.link = link;
            this.server = server;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            connection = new Connection(ctx.channel(), link);
            ctx.channel().attr(CONNECTION).set(connection);
            listener.onConnected(connection);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            if (frame.readableBytes() >= MessageCodec.CHUNK_HEADER_BYTES
                    && frame.getByte(frame.readerIndex()) == MessageCodec.BLOCK_CHUNK) {
                // A shuffle chunk's bytes go to the listener as they are: the reader copies them once.
                if (server ? !link.clientMaySend(Messages.BlockChunk.class) : !link.serverMaySend(Messages.BlockChunk.class)) {
                    throw new ProtocolException("a " + link + " peer may not send BlockChunk");
                }
                frame.skipBytes(1);
                long requestId = frame.readLong();
                boolean last = frame.readBoolean();
                listener.onChunk(connection, requestId, last, frame.retain());
                return;
            }
            Message m = MessageCodec.decode(frame);
            // The peer's kind was proved in the handshake; what it may say follows from it.
            if (server ? !link.clientMaySend(m) : !link.serverMaySend(m)) {
                throw new ProtocolException("a " + link + " peer may not send " + m.getClass().getSimpleName());
            }
            listener.onMessage(connection, m);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            listener.onDisconnected(connection);
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored") // the close completes on its own; channelInactive follows
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof ProtocolException || cause.getCause() instanceof ProtocolException) {
                LOG.error("Closing connection to {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
            } else {
                LOG.warn("Closing connection to {} after an error: {}", ctx.channel().remoteAddress(), cause.toString());
            }
            ctx.close();
        }
    }

    /** The host:port a bound server channel listens on, with {@code advertisedHost} as host. */
    public static String address(Channel server, String advertisedHost) {
        InetSocketAddress a = (InetSocketAddress) server.localAddress();
        return advertisedHost + ":" + a.getPort();
    }
}
