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
}
