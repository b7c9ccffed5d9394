package dev.spindle.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The first frames on every connection: both ends prove they hold the application's secret before
 * either decodes a message.
 *
 * <pre>
 * client: MAGIC VERSION link flags nonceC          (ClientHello)
 * server: OK nonceS proof(server) | REFUSED reason (ServerHello)
 * client: proof(client)                            (ClientProof; sent only if the server's proof held)
 * server: OK | REFUSED reason                      (Verdict)
 * </pre>
 *
 * Proofs are HMAC-SHA256 under the secret over the transcript ({@link SessionKeys}); the secret never
 * crosses the wire. HMAC over nonces rather than TLS: every process already shares one secret through
 * YARN credentials, so there is no certificate to issue, rotate or trust, and a handshake is two round
 * trips of a few dozen bytes, which matters for shuffle fetches that each open a connection. Until the
 * verdict, frames are capped at {@link #MAX_FRAME_BYTES} and anything else closes the connection; a
 * server logs each peer it refuses once, with its address.
 *
 * <p>Threading: each instance belongs to one channel and runs on its event loop.
 */
final class Handshake {
    /** Largest frame before a peer has proved itself. */
    static final int MAX_FRAME_BYTES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte OK = 0;
    private static final byte REFUSED = 1;

    private Handshake() {
    }

    /** What happens once the peer is proved: the transport makes the channel carry messages. */
    interface Done {
        void secured(ChannelHandlerContext ctx, Link link, SessionKeys keys);
    }

    static byte[] nonce() {
        byte[] n = new byte[SessionKeys.NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    @SuppressWarnings("FutureReturnValueIgnored") // a failed write closes the channel; the handshake then fails
    private static void writeFrame(ChannelHandlerContext ctx, ByteBuf payload) {
        ByteBuf frame = ctx.alloc().buffer(4 + payload.readableBytes());
        frame.writeInt(payload.readableBytes()).writeBytes(payload);
        payload.release();
        ctx.writeAndFlush(frame);
    }

    private static ByteBuf refusal(ChannelHandlerContext ctx, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        return ctx.alloc().buffer(1 + r.length).writeByte(REFUSED).writeBytes(r);
    }

    private static String reasonIn(ByteBuf frame) {
        return frame.toString(frame.readerIndex(), Math.min(frame.readableBytes(), 512), StandardCharsets.UTF_8);
    }

    /** The listening side: checks the hello, proves itself, then checks the client's proof. */
    static final class Server extends ChannelInboundHandlerAdapter {
        private final TransportSecurity security;
        private final Set<Link> accepted;
        private final Done done;
        private ScheduledFuture<?> timeout;
        private SessionKeys keys;
        private Link link;
        private boolean finished;

        Server(TransportSecurity security, Set<Link> accepted, Done done) {
            this.security = security;
            this.accepted = accepted;
            this.done = done;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            timeout = ctx.executor().schedule(() -> refuse(ctx, "it did not prove it belongs to the application within "
                    + security.handshakeTimeoutMillis() + " ms"), security.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (finished) {
                    return;
                }
                ByteBuf frame = (ByteBuf) msg;
                if (keys == null) {
                    hello(ctx, frame);
                } else {
                    proof(ctx, frame);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!finished) {
                finished = true;
                timeout.cancel(false);
                if (keys != null) {
                    // It said hello and left after the server's proof: most likely it holds another secret.
                    LOG.warn("Refused a connection from {}: it left the handshake without proving it belongs to "
                            + "the application", ctx.channel().remoteAddress());
                } else {
                    LOG.debug("A connection from {} closed before its handshake", ctx.channel().remoteAddress());
                }
            }
            ctx.fireChannelInactive();
        }

        private void hello(ChannelHandlerContext ctx, ByteBuf frame) {
            if (frame.readableBytes() != 10 + SessionKeys.NONCE_BYTES || frame.getInt(frame.readerIndex()) != SessionKeys.MAGIC) {
                refuse(ctx, "it does not speak Spindle's authenticated protocol");
                return;
            }
            frame.readInt();
            int version = frame.readInt();
            link = Link.of(frame.readByte());
            boolean encrypt = frame.readByte() == 1;
            byte[] clientNonce = new byte[SessionKeys.NONCE_BYTES];
            frame.readBytes(clientNonce);
            if (version != MessageCodec.VERSION) {
                refuse(ctx, "it speaks protocol version " + version + ", this process " + MessageCodec.VERSION);
            } else if (link == null || !accepted.contains(link)) {
                refuse(ctx, "it asked for a kind of connection this port does not serve");
            } else if (encrypt != security.encrypt()) {
                refuse(ctx, "it asked for " + (encrypt ? "" : "no ") + "encryption, and this process has "
                        + "spindle.network.crypto.enabled=" + security.encrypt());
            } else {
                byte[] serverNonce = nonce();
                keys = new SessionKeys(security.secret(), version, link, encrypt, clientNonce, serverNonce);
                writeFrame(ctx, ctx.alloc().buffer(1 + 2 * 32).writeByte(OK).writeBytes(serverNonce)
                        .writeBytes(keys.serverProof()));
            }
        }

        private void proof(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] proof = new byte[frame.readableBytes()];
            frame.readBytes(proof);
            if (!SessionKeys.matches(keys.clientProof(), proof)) {
                refuse(ctx, "it did not prove it holds the application's secret");
                return;
            }
            finished = true;
            timeout.cancel(false);
            // The verdict goes out in the clear, before the channel switches to encrypted records.
            writeFrame(ctx, ctx.alloc().buffer(1).writeByte(OK));
            done.secured(ctx, link, keys);
        }

        @SuppressWarnings("FutureReturnValueIgnored") // the close completes on its own
        private void refuse(ChannelHandlerContext ctx, String why) {
            if (finished) {
                return;
            }
            finished = true;
            if (timeout != null) {
                timeout.cancel(false);
            }
            LOG.warn("Refused a connection from {}: {}", ctx.channel().remoteAddress(), why);
            writeFrame(ctx, refusal(ctx, "refused: " + why));
            ctx.close();
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored")
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Too long a frame, most often: a peer sending messages without a handshake.
            if (!finished) {
                finished = true;
                if (timeout != null) {
                    timeout.cancel(false);
                }
                String why = cause instanceof io.netty.handler.codec.TooLongFrameException
                        ? "it sent a frame longer than the " + MAX_FRAME_BYTES + " bytes allowed before the handshake"
                        : cause.toString();
                LOG.warn("Refused a connection from {}: {}", ctx.channel().remoteAddress(), why);
                ctx.close();
            } else {
                ctx.fireExceptionCaught(cause);
            }
        }
    }

    /** The connecting side: says who it is, checks the server's proof, then proves itself. */
    static final class Client extends ChannelInboundHandlerAdapter {
        private final TransportSecurity security;
        private final Link link;
        private final Promise<Void> result;
        private final Done done;
        private final byte[] clientNonce = nonce();
        private SessionKeys keys;

        Client(TransportSecurity security, Link link, Promise<Void> result, Done done) {
            this.security = security;
            this.link = link;
            this.result = result;
            this.done = done;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            writeFrame(ctx, ctx.alloc().buffer(10 + SessionKeys.NONCE_BYTES).writeInt(SessionKeys.MAGIC)
                    .writeInt(MessageCodec.VERSION).writeByte(link.code).writeByte(security.encrypt() ? 1 : 0)
                    .writeBytes(clientNonce));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (result.isDone()) {
                    return;
                }
                ByteBuf frame = (ByteBuf) msg;
                if (frame.readableBytes() < 1) {
                    fail(ctx, "an empty handshake frame");
                    return;
                }
                byte status = frame.readByte();
                if (status != OK) {
                    fail(ctx, reasonIn(frame));
                } else if (keys == null) {
                    serverHello(ctx, frame);
                } else {
                    done.secured(ctx, link, keys);
                    result.trySuccess(null);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void serverHello(ChannelHandlerContext ctx, ByteBuf frame) {
            if (frame.readableBytes() != SessionKeys.NONCE_BYTES + SessionKeys.PROOF_BYTES) {
                fail(ctx, "it does not speak Spindle's authenticated protocol");
                return;
            }
            byte[] serverNonce = new byte[SessionKeys.NONCE_BYTES];
            byte[] proof = new byte[SessionKeys.PROOF_BYTES];
            frame.readBytes(serverNonce).readBytes(proof);
            keys = new SessionKeys(security.secret(), MessageCodec.VERSION, link, security.encrypt(), clientNonce,
                    serverNonce);
            if (!SessionKeys.matches(keys.serverProof(), proof)) {
                fail(ctx, "it did not prove it holds the application's secret: it is not this application's");
                return;
            }
            writeFrame(ctx, ctx.alloc().buffer(SessionKeys.PROOF_BYTES).writeBytes(keys.clientProof()));
        }

        @SuppressWarnings("FutureReturnValueIgnored")
        private void fail(ChannelHandlerContext ctx, String why) {
            result.tryFailure(new ProtocolException(why));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.tryFailure(new ProtocolException("it closed the connection during the handshake"));
            ctx.fireChannelInactive();
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored")
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (result.tryFailure(new ProtocolException(String.valueOf(cause.getMessage()), cause))) {
                ctx.close();
            } else {
                ctx.fireExceptionCaught(cause);
            }
        }
    }
}
