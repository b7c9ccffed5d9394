package dev.spindle.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.util.ReferenceCountUtil;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Encryption of one direction of a connection, once the handshake has proved both ends: AES-256-GCM,
 * one sealed record per write, each record {@code [4-byte length][ciphertext][16-byte tag]} under a
 * 96-bit nonce that counts records, so no nonce repeats under a key (each direction and each connection
 * has its own key). A record that fails its tag, or comes out of order, closes the connection.
 *
 * <p>Not thread-safe: each instance belongs to one channel's event loop.
 */
final class FrameCipher {
    static final int TAG_BYTES = 16;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final int mode;
    private long counter;

    private FrameCipher(byte[] key, int mode) {
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no AES/GCM", e);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.mode = mode;
    }

    /** Runs the cipher over {@code in} into {@code out}; in and out must not overlap. */
    private void apply(ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        byte[] iv = new byte[12];
        long n = counter++;
        for (int i = 0; i < 8; i++) {
            iv[4 + i] = (byte) (n >>> (56 - 8 * i));
        }
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
        cipher.doFinal(in, out);
    }

    /** The outbound half: seals every buffer and file region written, and lets nothing else pass. */
    static final class Sealer extends ChannelOutboundHandlerAdapter {
        private final FrameCipher cipher;

        Sealer(byte[] key) {
            this.cipher = new FrameCipher(key, Cipher.ENCRYPT_MODE);
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored") // the caller's promise carries the outcome
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            ByteBuf plain;
            if (msg instanceof ByteBuf b) {
                plain = b;
            } else if (msg instanceof FileRegion region) {
                // Encrypted bytes cannot go from the file to the socket untouched: read them first.
                plain = read(ctx, region);
            } else {
                ReferenceCountUtil.release(msg);
                promise.setFailure(new IllegalStateException("cannot encrypt a " + msg.getClass().getName()));
                return;
            }
            ByteBuf sealed = ctx.alloc().buffer(4 + plain.readableBytes() + TAG_BYTES);
            try {
                int length = plain.readableBytes() + TAG_BYTES;
                sealed.writeInt(length);
                ByteBuffer out = sealed.nioBuffer(4, length);
                cipher.apply(plain.nioBuffer(), out);
                sealed.writerIndex(4 + length);
            } catch (GeneralSecurityException | RuntimeException e) {
                sealed.release();
                promise.setFailure(e);
                return;
            } finally {
                plain.release();
            }
            ctx.write(sealed, promise);
        }

        private static ByteBuf read(ChannelHandlerContext ctx, FileRegion region) throws IOException {
            ByteBuf buf = ctx.alloc().heapBuffer((int) region.count());
            try {
                WritableByteChannel into = new WritableByteChannel() {
                    @Override
                    public int write(ByteBuffer src) {
                        int n = src.remaining();
                        buf.writeBytes(src);
                        return n;
                    }

                    @Override
                    public boolean isOpen() {
                        return true;
                    }

                    @Override
                    public void close() {
                    }
                };
                long done = 0;
                while (done < region.count()) {
                    long n = region.transferTo(into, done);
                    if (n <= 0) {
                        throw new IOException("the file ended " + (region.count() - done) + " bytes early");
                    }
                    done += n;
                }
                return buf;
            } catch (IOException | RuntimeException e) {
                buf.release();
                throw e;
            } finally {
                region.release();
            }
        }
    }

    /** The inbound half: opens each sealed record (already cut out by a length decoder) into plaintext. */
    static final class Opener extends MessageToMessageDecoder<ByteBuf> {
        private final FrameCipher cipher;

        Opener(byte[] key) {
            this.cipher = new FrameCipher(key, Cipher.DECRYPT_MODE);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf sealed, List<Object> out) {
            int length = sealed.readableBytes() - TAG_BYTES;
            if (length < 0) {
                throw new ProtocolException("an encrypted record shorter than its tag");
            }
            ByteBuf plain = ctx.alloc().buffer(length);
            try {
                cipher.apply(sealed.nioBuffer(), plain.nioBuffer(0, length));
                plain.writerIndex(length);
            } catch (GeneralSecurityException e) {
                plain.release();
                throw new ProtocolException("an encrypted record failed its integrity check", e);
            }
            out.add(plain);
        }
    }
}
