package dev.spindle.shuffle;

import dev.spindle.protocol.Messages.BlockFailed;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fetch stream's chunks are Netty buffers handed over without a copy: every one must be released
 * once, whether it was read to its end, left unread by a close, or delivered after the close.
 */
class ChunkStreamTest {
    private final List<ByteBuf> delivered = new ArrayList<>();

    private ByteBuf chunk(int from, int length) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(length);
        for (int i = 0; i < length; i++) {
            b.writeByte(from + i);
        }
        delivered.add(b);
        return b;
    }

    private void assertAllReleased() {
        for (ByteBuf b : delivered) {
            assertEquals(0, b.refCnt(), "a chunk was not released once: " + b);
        }
    }

    @Test
    void bytesComeInOrderAcrossChunksAndEveryChunkIsReleased() throws IOException {
        ChunkStream s = new ChunkStream("peer:1", 10_000);
        s.onChunk(null, 1, false, chunk(0, 5));
        s.onChunk(null, 1, false, chunk(5, 0));
        s.onChunk(null, 1, false, chunk(5, 3));
        s.onChunk(null, 1, true, chunk(8, 4));
        assertEquals(0, s.read());
        byte[] got = new byte[20];
        int n = 0;
        for (int r; (r = s.read(got, n, got.length - n)) > 0; ) {
            n += r;
        }
        assertEquals(11, n);
        for (int i = 0; i < 11; i++) {
            assertEquals(i + 1, got[i]);
        }
        assertEquals(-1, s.read());
        assertEquals(-1, s.read(got, 0, 1));
        assertAllReleased();
        s.close();
        assertAllReleased();
    }

    @Test
    void aCloseReleasesTheChunkBeingReadTheQueuedOnesAndAnyThatComesAfter() throws IOException {
        ChunkStream s = new ChunkStream("peer:1", 10_000);
        s.onChunk(null, 1, false, chunk(0, 8));
        s.onChunk(null, 1, false, chunk(8, 8));
        s.onChunk(null, 1, false, chunk(16, 8));
        byte[] some = new byte[3];
        assertEquals(3, s.read(some, 0, 3));
        assertArrayEquals(new byte[]{0, 1, 2}, some);
        s.close();
        assertAllReleased();
        s.onChunk(null, 1, true, chunk(24, 8));
        assertAllReleased();
        assertThrows(IOException.class, s::read, "a closed stream is not read");
    }

    @Test
    void aFailedBlockIsAnErrorNamingThePeerAndItsReason() {
        ChunkStream s = new ChunkStream("peer:1", 10_000);
        s.onMessage(null, new BlockFailed(1, "no such map output"));
        IOException e = assertThrows(IOException.class, s::read);
        assertTrue(e.getMessage().contains("peer:1") && e.getMessage().contains("no such map output"), e.getMessage());
    }

    @Test
    void aConnectionLostMidBlockIsAnError() {
        ChunkStream s = new ChunkStream("peer:1", 10_000);
        s.onChunk(null, 1, false, chunk(0, 2));
        s.onDisconnected(null);
        IOException e = assertThrows(IOException.class, () -> s.readNBytes(10));
        assertTrue(e.getMessage().contains("closed before the block was complete"), e.getMessage());
        s.close();
        assertAllReleased();
    }

    @Test
    void silenceLongerThanTheTimeoutIsAnError() {
        ChunkStream s = new ChunkStream("peer:1", 1);
        IOException e = assertThrows(IOException.class, s::read);
        assertTrue(e.getMessage().contains("no shuffle data from peer:1"), e.getMessage());
    }
    /** A connection as the stream sees it: the flow-control decisions it is handed wait for its "I/O thread". */
    private static final class QueuedDecisions implements ChunkStream.Carrier {
        final List<java.util.function.BooleanSupplier> pending = new ArrayList<>();
        Boolean reading;

        @Override
        public void readWhen(java.util.function.BooleanSupplier read) {
            pending.add(read);
        }

        /** The I/O thread's turn: it runs the decisions handed to it, in order. */
        boolean runIoThread() {
            pending.forEach(d -> reading = d.getAsBoolean());
            pending.clear();
            return reading;
        }

        @Override
        public void blockDone() {
        }

        @Override
        public void discard() {
        }

        @Override
        public boolean reused() {
            return false;
        }
    }

    /**
     * The race the flow control must not lose: the reader, having emptied the queue, wants the connection
     * to read on; before the I/O thread acts on that, it delivers {@link ChunkStream#AHEAD} chunks and stops
     * reading. A resume decided on the reader's side (from the queue it saw) would then undo that stop and
     * let chunks pile up without bound; decided on the I/O thread, from the queue as it is there, the stop holds.
     */
    @Test
    void aResumeAskedBeforeTheQueueFilledDoesNotOvertakeTheStop() throws IOException {
        QueuedDecisions io = new QueuedDecisions();
        ChunkStream s = new ChunkStream("peer:1", 10_000, (stream, fresh) -> stream.carriedBy(io, 1)).start();
        s.onChunk(null, 1, false, chunk(0, 4));
        assertEquals(0, s.read(), "the reader takes the only chunk and asks to read on");
        assertEquals(1, io.pending.size());
        for (int c = 0; c < ChunkStream.AHEAD; c++) {
            s.onChunk(null, 1, false, chunk(4 + 4 * c, 4));
        }
        assertFalse(io.runIoThread(), "with " + ChunkStream.AHEAD + " chunks waiting the connection stays stopped");
        byte[] rest = new byte[3 + 4 * (ChunkStream.AHEAD - 1)];
        assertEquals(rest.length, s.readNBytes(rest, 0, rest.length));
        assertTrue(io.runIoThread(), "read down to its last chunk, the stream has the connection read on");
        s.onChunk(null, 1, true, chunk(4 + 4 * ChunkStream.AHEAD, 1));
        assertEquals(5, s.readAllBytes().length, "the chunk still queued and the last one");
        s.close();
        assertAllReleased();
    }
}
