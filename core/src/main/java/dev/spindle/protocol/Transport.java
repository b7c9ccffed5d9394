package dev.spindle.protocol;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Netty plumbing for the protocol: length-prefixed frames, each holding one {@link MessageCodec}
 * message. One instance per process owns a small I/O thread group; servers and clients made from
 * it share those threads.
 */
public final class Transport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    /** Largest frame accepted: a task closure or result above this is refused rather than buffered. */
    public static final int MAX_FRAME_BYTES = 512 * 1024 * 1024;

    private final EventLoopGroup group;

    public Transport(String name, int threads) {
        this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory("spindle-" + name + "-io", true));
    }

    /** Binds a server on {@code bindHost:port} (port 0 picks one); returns the bound channel. */
    public Channel bind(String bindHost, int port, MessageListener listener) throws IOException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer(listener));
        try {
            return b.bind(bindHost, port).sync().channel();
        } catch (Exception e) {
            throw new IOException("cannot listen on " + bindHost + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Connects to a server, waiting at most {@code timeoutMillis}. */
    public Connection connect(String host, int port, long timeoutMillis, MessageListener listener) throws IOException {
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .handler(initializer(listener));
        try {
            Channel ch = b.connect(host, port).sync().channel();
            return new Connection(ch);
        } catch (Exception e) {
            throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static ChannelInitializer<SocketChannel> initializer(MessageListener listener) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                        .addLast("frames", new LengthFieldBasedFrameDecoder(MAX_FRAME_BYTES, 0, 4, 0, 4))
                        .addLast("encoder", new Encoder())
                        .addLast("handler", new Handler(listener));
            }
        };
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
        private final MessageListener listener;
        private Connection connection;

        Handler(MessageListener listener) {
            this.listener = listener;
        }

        private Connection connection(ChannelHandlerContext ctx) {
            if (connection == null) {
                connection = new Connection(ctx.channel());
            }
            return connection;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            listener.onConnected(connection(ctx));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            listener.onMessage(connection(ctx), MessageCodec.decode(frame));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            listener.onDisconnected(connection(ctx));
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
