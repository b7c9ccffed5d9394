package dev.spindle.protocol;

import dev.spindle.protocol.Messages.BlockChunk;
import dev.spindle.protocol.Messages.FetchBlock;
import dev.spindle.protocol.Messages.Heartbeat;
import dev.spindle.protocol.Messages.HeartbeatAck;
import dev.spindle.protocol.Messages.RegisterAm;
import dev.spindle.protocol.Messages.RegisterExecutor;
import dev.spindle.security.AppSecret;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handshake and what it lets through: real sockets on loopback, a listener that records all it hears. */
class TransportSecurityTest {
    private static final AppSecret SECRET = AppSecret.generate();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Everything a server's listener hears: connections and messages. */
    private static class Recorder implements MessageListener {
        final List<Object> heard = new CopyOnWriteArrayList<>();
        /** One permit per thing heard, so a test can wait for them instead of polling. */
        final java.util.concurrent.Semaphore arrivals = new java.util.concurrent.Semaphore(0);

        @Override
        public void onConnected(Connection connection) {
            heard.add("connected " + connection.link());
            arrivals.release();
        }

        @Override
        public void onMessage(Connection connection, Message message) {
            heard.add(message);
            arrivals.release();
            if (message instanceof Heartbeat) {
                connection.send(new HeartbeatAck());
            }
        }

        @Override
        public void onDisconnected(Connection connection) {
        }
    }

    /** A client's listener: queues what the server sends, and a marker when the connection closes. */
    private static final class Inbox implements MessageListener {
        final LinkedBlockingQueue<Object> got = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(Connection connection, Message message) {
            got.add(message);
        }

        @Override
        public void onDisconnected(Connection connection) {
            got.add("closed");
        }
    }

    private Transport transport(AppSecret secret, boolean encrypt, long handshakeMillis) {
        Transport t = new Transport("test", 1, new TransportSecurity(secret, encrypt, handshakeMillis));
        open.add(t);
        return t;
    }

    private int serve(Transport t, Set<Link> accepted, Recorder recorder) throws IOException {
        Channel ch = t.bind("127.0.0.1", 0, accepted, recorder);
        open.add(() -> ch.close().awaitUninterruptibly(2000));
        return ((java.net.InetSocketAddress) ch.localAddress()).getPort();
    }

    @Test
    void peersWithTheSecretTalkInBothModes() throws Exception {
        for (boolean encrypt : new boolean[]{false, true}) {
            Recorder server = new Recorder();
            int port = serve(transport(SECRET, encrypt, 10_000), Set.of(Link.EXECUTOR), server);
            Inbox inbox = new Inbox();
            Connection c = transport(SECRET, encrypt, 10_000).connect("127.0.0.1", port, 10_000, Link.EXECUTOR, inbox);
            c.send(new Heartbeat("1", 0));
            assertInstanceOf(HeartbeatAck.class, inbox.got.poll(10, TimeUnit.SECONDS), "encrypt=" + encrypt);
            assertEquals(List.of("connected EXECUTOR", new Heartbeat("1", 0)), server.heard, "encrypt=" + encrypt);
        }
    }

    @Test
    void aWrongSecretIsRefusedBothWays() throws Exception {
        Recorder server = new Recorder();
        int port = serve(transport(SECRET, false, 10_000), Set.of(Link.EXECUTOR), server);
        IOException e = assertThrows(IOException.class, () -> transport(AppSecret.generate(), false, 10_000)
                .connect("127.0.0.1", port, 10_000, Link.EXECUTOR, new Inbox()));
        assertTrue(e.getMessage().contains("not this application's"), e.getMessage());
        assertEquals(List.of(), server.heard, "a peer with another secret is never heard");
    }

    @Test
    void aClientThatFakesTheServersProofIsRefused() throws Exception {
        Recorder server = new Recorder();
        int port = serve(transport(SECRET, false, 10_000), Set.of(Link.EXECUTOR), server);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] nonce = new byte[32];
            frame(out, hello(Link.EXECUTOR, false, nonce));
            byte[] serverHello = readFrame(in);
            assertEquals(65, serverHello.length);
            // Replays the server's own proof as the client's: the labels differ, so it must fail.
            frame(out, java.util.Arrays.copyOfRange(serverHello, 33, 65));
            byte[] verdict = readFrame(in);
            assertEquals(1, verdict[0], "refused");
            assertTrue(new String(verdict, 1, verdict.length - 1, StandardCharsets.UTF_8).contains("secret"));
            assertEquals(-1, in.read(), "the server closes the connection");
        }
        assertEquals(List.of(), server.heard);
    }

    @Test
    void messagesWithoutAHandshakeAreRefusedUndecoded() throws Exception {
        Recorder server = new Recorder();
        int port = serve(transport(SECRET, false, 10_000), Set.of(Link.EXECUTOR, Link.APPLICATION_MASTER), server);
        for (Message m : List.of(new RegisterExecutor("9", "evil", 8, "c", 1), new RegisterAm("appattempt_1_0001_000001"))) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                ByteBuf buf = Unpooled.buffer();
                MessageCodec.encode(m, buf);
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                frame(out, bytes);
                byte[] answer = readAll(s.getInputStream());
                assertTrue(new String(answer, StandardCharsets.UTF_8).contains("refused"), "told why");
            }
        }
        assertEquals(List.of(), server.heard);
    }

    @Test
    void aHugeFrameBeforeTheHandshakeIsNeverBuffered() throws Exception {
        Recorder server = new Recorder();
        int port = serve(transport(SECRET, false, 10_000), Set.of(Link.EXECUTOR), server);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(512 * 1024 * 1024 - 1);
            out.write(new byte[8192]);
            out.flush();
            s.setSoTimeout(10_000);
            // Closed at once, though 512 MiB were announced: nothing waits for them.
            readAll(s.getInputStream());
        }
        assertEquals(List.of(), server.heard);
    }

    @Test
    void aSilentPeerIsClosedAfterTheHandshakeTimeout() throws Exception {
        Recorder server = new Recorder();
        int port = serve(transport(SECRET, false, 300), Set.of(Link.EXECUTOR), server);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            byte[] answer = readAll(s.getInputStream());
            assertTrue(new String(answer, StandardCharsets.UTF_8).contains("within 300 ms"));
        }
    }

    @Test
    void aPeerMaySendOnlyItsOwnKindOfMessage() throws Exception {
        Recorder server = new Recorder();
        int port = serve(transport(SECRET, false, 10_000), Set.of(Link.EXECUTOR, Link.APPLICATION_MASTER), server);
        Inbox inbox = new Inbox();
        Connection c = transport(SECRET, false, 10_000).connect("127.0.0.1", port, 10_000, Link.EXECUTOR, inbox);
        c.send(new RegisterAm("appattempt_1_0001_000001"));
        assertEquals("closed", inbox.got.poll(10, TimeUnit.SECONDS), "an executor claiming to be the AM is cut off");
        assertEquals(List.of("connected EXECUTOR"), server.heard);
    }

    @Test
    void aPortServesOnlyItsKindsOfPeer() throws Exception {
        Recorder server = new Recorder();
        int port = serve(transport(SECRET, false, 10_000), Set.of(Link.SHUFFLE), server);
        IOException e = assertThrows(IOException.class, () -> transport(SECRET, false, 10_000)
                .connect("127.0.0.1", port, 10_000, Link.EXECUTOR, new Inbox()));
        assertTrue(e.getMessage().contains("does not serve"), e.getMessage());
        Connection c = transport(SECRET, false, 10_000).connect("127.0.0.1", port, 10_000, Link.SHUFFLE, new Inbox());
        c.send(new FetchBlock(1, 0, "map_0_0", 0));
        awaitHeard(server, 2);
        assertEquals(List.of("connected SHUFFLE", new FetchBlock(1, 0, "map_0_0", 0)), server.heard);
    }

    @Test
    void bothEndsMustAgreeOnEncryption() throws Exception {
        Recorder server = new Recorder();
        int port = serve(transport(SECRET, true, 10_000), Set.of(Link.EXECUTOR), server);
        IOException e = assertThrows(IOException.class, () -> transport(SECRET, false, 10_000)
                .connect("127.0.0.1", port, 10_000, Link.EXECUTOR, new Inbox()));
        assertTrue(e.getMessage().contains("spindle.network.crypto.enabled=true"), e.getMessage());
    }

    /**
     * A relay between client and server keeps every byte: with encryption the job's marker never
     * appears on the wire, without it, it does (so the relay sees what it should).
     */
    @Test
    void encryptionHidesTheDataOnTheWire() throws Exception {
        byte[] marker = "SPINDLE-PLAINTEXT-MARKER-7f3a".getBytes(StandardCharsets.US_ASCII);
        for (boolean encrypt : new boolean[]{true, false}) {
            Recorder server = new Recorder();
            int port = serve(transport(SECRET, encrypt, 10_000), Set.of(Link.SHUFFLE), server);
            try (TcpRelay relay = new TcpRelay(port)) {
                Connection c = transport(SECRET, encrypt, 10_000).connect("127.0.0.1", relay.port(), 10_000,
                        Link.SHUFFLE, new Inbox());
                c.send(new FetchBlock(7, 3, "map_1_2", 0));
                awaitHeard(server, 2);
                assertEquals(new FetchBlock(7, 3, "map_1_2", 0), server.heard.get(1));
                c.close();
                // The block name is the marker here: it crosses from client to server.
                assertEquals(!encrypt, TcpRelay.indexOf(relay.captured(), "map_1_2".getBytes(StandardCharsets.US_ASCII)) >= 0,
                        "encrypt=" + encrypt);
            }
        }
        // And from server to client, with a payload the size of a shuffle chunk.
        Inbox inbox = new Inbox();
        Recorder server = new Recorder() {
            @Override
            public void onMessage(Connection connection, Message message) {
                byte[] data = new byte[1 << 20];
                System.arraycopy(marker, 0, data, 12345, marker.length);
                connection.send(new BlockChunk(1, true, data));
            }
        };
        int port = serve(transport(SECRET, true, 10_000), Set.of(Link.SHUFFLE), server);
        try (TcpRelay relay = new TcpRelay(port)) {
            Connection c = transport(SECRET, true, 10_000).connect("127.0.0.1", relay.port(), 10_000, Link.SHUFFLE, inbox);
            c.send(new FetchBlock(1, 0, "map_0_0", 0));
            BlockChunk chunk = (BlockChunk) inbox.got.poll(10, TimeUnit.SECONDS);
            assertTrue(TcpRelay.indexOf(chunk.data(), marker) == 12345, "the client reads the plaintext");
            assertFalse(TcpRelay.indexOf(relay.captured(), marker) >= 0, "the wire never carries it");
        }
    }

    private static void awaitHeard(Recorder r, int n) throws InterruptedException {
        assertTrue(r.arrivals.tryAcquire(n, 10, TimeUnit.SECONDS), "the server heard " + r.heard + ", not " + n + " things");
    }

    private static byte[] hello(Link link, boolean encrypt, byte[] nonce) {
        ByteBuf b = Unpooled.buffer();
        b.writeInt(SessionKeys.MAGIC).writeInt(MessageCodec.VERSION).writeByte(link.code).writeByte(encrypt ? 1 : 0)
                .writeBytes(nonce);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    private static void frame(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            in.transferTo(out);
        } catch (java.net.SocketException reset) {
            // A peer that is refused may see its connection reset rather than closed.
        }
        return out.toByteArray();
    }
}
