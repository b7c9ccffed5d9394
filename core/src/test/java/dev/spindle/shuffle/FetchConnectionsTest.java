package dev.spindle.shuffle;

import dev.spindle.protocol.TcpRelay;
import dev.spindle.protocol.Transport;
import dev.spindle.protocol.TransportSecurity;
import dev.spindle.security.AppSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which connections to block servers a fetcher keeps, against a real block server behind a relay that
 * counts connections, on a clock the test moves.
 */
class FetchConnectionsTest {
    private static final long IDLE_MILLIS = 30_000;

    @TempDir
    Path dir;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private Transport transport;
    private BlockServer server;
    private TcpRelay relay;
    private FetchConnections connections;

    @BeforeEach
    void start() throws IOException {
        transport = new Transport("test", 1, TransportSecurity.of(AppSecret.generate(), false));
        server = new BlockServer(transport, dir.toFile(), "127.0.0.1");
        relay = new TcpRelay(server.port());
        connections = new FetchConnections(transport, 10_000, IDLE_MILLIS, nanos::get);
    }

    @AfterEach
    void stop() throws IOException {
        connections.close();
        relay.close();
        server.close();
        transport.close();
    }

    private FetchConnections.Lease borrow(boolean fresh) throws IOException {
        return connections.borrow("127.0.0.1", relay.port(), fresh);
    }

    private void awaitEnded(int n) throws InterruptedException {
        assertTrue(relay.awaitClientsEnded(n, 10_000), relay.clientsEnded() + " of " + n + " connections ended");
    }

    @Test
    void aConnectionGivenBackIsLentAgainAndAtMostFourWaitPerServer() throws Exception {
        List<FetchConnections.Lease> lent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lent.add(borrow(true));
        }
        assertEquals(6, relay.accepted());
        lent.forEach(FetchConnections.Lease::blockDone);
        assertEquals(FetchConnections.MAX_IDLE_PER_PEER, connections.idleCount());
        awaitEnded(2);

        FetchConnections.Lease again = borrow(false);
        assertTrue(again.reused());
        assertEquals(6, relay.accepted(), "no new connection");
        assertEquals(FetchConnections.MAX_IDLE_PER_PEER - 1, connections.idleCount());

        FetchConnections.Lease fresh = borrow(true);
        assertFalse(fresh.reused());
        assertEquals(7, relay.accepted(), "a fresh one is asked for after a kept one was lost");
        fresh.discard();
        again.discard();
        awaitEnded(4);
        assertEquals(FetchConnections.MAX_IDLE_PER_PEER - 1, connections.idleCount(), "a discarded one is not kept");
    }

    @Test
    void idleConnectionsPastTheIdleTimeAreClosedAtTheNextBorrow() throws Exception {
        borrow(true).blockDone();
        borrow(true).blockDone();
        assertEquals(2, connections.idleCount());

        nanos.addAndGet((IDLE_MILLIS - 1) * 1_000_000L);
        FetchConnections.Lease young = borrow(false);
        assertTrue(young.reused(), "idle for less than the idle time: still lent");
        young.blockDone();

        // The connection just given back is young; the other has been idle for longer than allowed.
        nanos.addAndGet(2_000_000L + 1_000_000_000L);
        FetchConnections.Lease l = borrow(false);
        assertTrue(l.reused());
        assertEquals(0, connections.idleCount(), "the old one was closed, not kept");
        awaitEnded(1);
        assertEquals(2, relay.accepted());

        nanos.addAndGet(IDLE_MILLIS * 1_000_000L);
        l.blockDone();
        nanos.addAndGet(IDLE_MILLIS * 1_000_000L + 1);
        assertFalse(borrow(false).reused(), "every kept one aged out: a new connection");
        assertEquals(3, relay.accepted());
        awaitEnded(2);
    }

    @Test
    void idleConnectionsAreClosedOnTimeWithoutAnotherFetch() throws Exception {
        borrow(true).blockDone();
        nanos.addAndGet(10_000_000_000L);
        borrow(true).blockDone();
        assertEquals(2, connections.idleCount());

        connections.closeExpired();
        assertEquals(2, connections.idleCount(), "neither has been idle for the idle time yet");

        nanos.addAndGet((IDLE_MILLIS - 10_000) * 1_000_000L);
        connections.closeExpired();
        assertEquals(1, connections.idleCount(), "the older one is past its idle time, the newer one is not");
        awaitEnded(1);

        nanos.addAndGet(10_000_000_000L);
        connections.closeExpired();
        assertEquals(0, connections.idleCount());
        awaitEnded(2);
        assertEquals(2, relay.accepted());
    }

    @Test
    void aConnectionThePeerClosedIsNotKept() throws Exception {
        FetchConnections.Lease l = borrow(true);
        l.blockDone();
        assertEquals(1, connections.idleCount());
        relay.close();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (connections.idleCount() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(10);
        }
        assertEquals(0, connections.idleCount(), "the peer's close removes it from the idle ones");
    }

    @Test
    void afterCloseNothingIsKeptAndNothingLent() throws Exception {
        FetchConnections.Lease out = borrow(true);
        borrow(true).blockDone();
        connections.close();
        awaitEnded(1);
        out.blockDone();
        awaitEnded(2);
        assertEquals(0, connections.idleCount());
        IOException e = assertThrows(IOException.class, () -> borrow(false));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
