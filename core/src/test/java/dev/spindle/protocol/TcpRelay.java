package dev.spindle.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A man in the middle for tests: listens on a port, connects each accepted connection to a target,
 * copies bytes both ways and keeps every byte it copied, so a test can look for what must not cross
 * the wire in the clear.
 */
public final class TcpRelay implements AutoCloseable {
    private final ServerSocket listen;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Guarded by itself; notified as each relayed connection's client side ends. */
    private final int[] clientsEnded = {0};
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    /** Connections numbered up to this one are cut at their client's next bytes. */
    private final java.util.concurrent.atomic.AtomicInteger cutUpTo = new java.util.concurrent.atomic.AtomicInteger();

    /** Relays from an ephemeral loopback port to {@code targetPort} on loopback. */
    public TcpRelay(int targetPort) throws IOException {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
    }

    /** Relays from {@code listenOn} to {@code target}. */
    public TcpRelay(InetSocketAddress listenOn, InetSocketAddress target) throws IOException {
        listen = new ServerSocket();
        listen.bind(listenOn, 50);
        Thread accept = new Thread(() -> {
            while (!listen.isClosed()) {
                try {
                    Socket in = listen.accept();
                    int number = accepted.incrementAndGet();
                    Socket out = new Socket(target.getAddress(), target.getPort());
                    sockets.add(in);
                    sockets.add(out);
                    pump(in, out, number);
                    pump(out, in, 0);
                } catch (IOException e) {
                    // closed by the test, or the target refused: the client sees its connection end
                }
            }
        }, "relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listen.getLocalPort();
    }

    /** How many connections the relay has accepted. */
    public int accepted() {
        return accepted.get();
    }

    /** How many relayed connections their client has ended (closed or shut its side down). */
    public int clientsEnded() {
        synchronized (clientsEnded) {
            return clientsEnded[0];
        }
    }

    /** Waits at most {@code timeoutMillis} until clients have ended {@code n} relayed connections; whether they did. */
    public boolean awaitClientsEnded(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (clientsEnded) {
            for (long left; clientsEnded[0] < n && (left = deadline - System.nanoTime()) > 0; ) {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(clientsEnded, left);
            }
            return clientsEnded[0] >= n;
        }
    }

    /**
     * Makes the connections open now end, both ways, as soon as their client sends anything more, and
     * unrelayed: as a peer that closed an idle connection while the client was about to use it.
     */
    public void cutOpenConnectionsOnNextSend() {
        cutUpTo.set(accepted.get());
    }

    /** Copies from one socket to the other; {@code clientNumber} is the connection's number, 0 from the target. */
    private void pump(Socket from, Socket to, int clientNumber) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        boolean fromClient = clientNumber > 0;
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (fromClient && clientNumber <= cutUpTo.get()) {
                        from.close();
                        to.close();
                        break;
                    }
                    synchronized (seen) {
                        seen.write(buf, 0, n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                if (fromClient) {
                    synchronized (clientsEnded) {
                        clientsEnded[0]++;
                        clientsEnded.notifyAll();
                    }
                }
                try {
                    to.shutdownOutput();
                } catch (IOException e) {
                    // already closed
                }
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Every byte relayed so far, both directions interleaved. */
    public byte[] captured() {
        synchronized (seen) {
            return seen.toByteArray();
        }
    }

    /** Whether {@code needle} appears anywhere in what was relayed. */
    public boolean sawBytes(byte[] needle) {
        return indexOf(captured(), needle) >= 0;
    }

    public static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        listen.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
