package dev.spindle.protocol;

import dev.spindle.protocol.Messages.ExecutorExited;
import dev.spindle.protocol.Messages.FinishApplication;
import dev.spindle.protocol.Messages.Heartbeat;
import dev.spindle.protocol.Messages.LaunchTask;
import dev.spindle.protocol.Messages.Progress;
import dev.spindle.protocol.Messages.RegisterAm;
import dev.spindle.protocol.Messages.RegisterExecutor;
import dev.spindle.protocol.Messages.Shutdown;
import dev.spindle.protocol.Messages.TaskFailed;
import dev.spindle.protocol.Messages.TaskFinished;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageCodecTest {

    private static ByteBuf encode(Message m) {
        ByteBuf buf = Unpooled.buffer();
        MessageCodec.encode(m, buf);
        return buf;
    }

    @Test
    void everyMessageSurvivesTheWire() {
        List<Message> all = List.of(
                new RegisterExecutor("7", "host-ü", 4, "container_1_0001_01_000002", 40123),
                new TaskFinished(9, "7", new byte[]{1, 2, 3}, 123456789L, new TaskMetrics(1, 2, 3, 4, 2, 5)),
                new TaskFinished(9, "7", new byte[0], 1L, TaskMetrics.NONE, List.of(
                        new AccumulatorUpdate(3, 10, 55, 0), new AccumulatorUpdate(4, 2, 0, -0.5))),
                new Messages.FetchBroadcast("7", 1L << 33),
                new Messages.BroadcastValue(5, new byte[]{4, 5}, ""),
                new Messages.BroadcastValue(6, new byte[0], "broadcast 6 was destroyed"),
                new Messages.Forget(Messages.Forget.Kind.BROADCAST, 5),
                new Messages.Forget(Messages.Forget.Kind.CACHED_DATASET, 2),
                new Messages.PartitionCached("7", 3, 11, 4096, 0),
                new TaskFailed(9, "7", "java.lang.IllegalStateException", "boom ∑", "trace\n\tat x"),
                new Heartbeat("7", 3),
                new Heartbeat("7", 3, 120, 64L << 20, 1L << 30),
                new Shutdown("done"),
                new RegisterAm("appattempt_1_0001_000001"),
                new Progress(0.5f),
                new Messages.UpdateTokens(new byte[]{9, 8, 7}),
                new FinishApplication("FAILED", "User class threw x"),
                new ExecutorExited("7", -100, "released", false),
                new ExecutorExited("8", 137, "killed", true),
                new dev.spindle.protocol.Messages.HeartbeatAck(),
                new dev.spindle.protocol.Messages.TaskNotRun(9, "3", "the executor is exiting"),
                new dev.spindle.protocol.Messages.StageFinished(2, 5, "shuffle 1 map", 1234),
                new Messages.ExecutorDemand(java.util.Map.of("h1", 3, "h2", 1)),
                new Messages.ExecutorDemand(java.util.Map.of()));
        for (Message m : all) {
            assertEquals(m, MessageCodec.decode(encode(m)), m.getClass().getSimpleName());
        }
        LaunchTask launch = new LaunchTask(1L << 40, 2, 3, 4, 5, new byte[]{9, 8}, new byte[0]);
        assertEquals(launch, MessageCodec.decode(encode(launch)));
    }

    @Test
    void aTaskFinishedClaimingMoreUpdatesThanItsBytesIsRefused() {
        ByteBuf buf = encode(new TaskFinished(1, "7", new byte[0], 1L, TaskMetrics.NONE,
                List.of(new AccumulatorUpdate(1, 1, 1, 0))));
        // The update count sits 36 bytes before the end (4 for the count, 32 for the update).
        buf.setInt(buf.writerIndex() - 36, 1_000_000);
        assertThrows(ProtocolException.class, () -> MessageCodec.decode(buf));
    }

    @Test
    void truncatedMessagesAreRefused() {
        ByteBuf full = encode(new RegisterExecutor("7", "h", 1, "c", 0));
        for (int len = 0; len < full.readableBytes(); len++) {
            ByteBuf part = full.copy(0, len);
            assertThrows(ProtocolException.class, () -> MessageCodec.decode(part), "length " + len);
        }
    }

    @Test
    void unknownTypesTrailingBytesAndOtherVersionsAreRefused() {
        assertThrows(ProtocolException.class, () -> MessageCodec.decode(Unpooled.wrappedBuffer(new byte[]{99})));
        ByteBuf extra = encode(new Shutdown("x"));
        extra.writeByte(0);
        assertThrows(ProtocolException.class, () -> MessageCodec.decode(extra));
        ByteBuf otherVersion = encode(new RegisterAm("a"));
        otherVersion.setInt(1, MessageCodec.VERSION + 1);
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decode(otherVersion));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }

    @Test
    void lengthsBeyondTheFrameAreRefusedNotAllocated() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(6);
        buf.writeInt(Integer.MAX_VALUE);
        assertThrows(ProtocolException.class, () -> MessageCodec.decode(buf));
    }

    @Test
    void recordsValidateTheirFields() {
        assertThrows(IllegalArgumentException.class, () -> new RegisterExecutor("1", "h", 0, "c", 0));
        assertThrows(IllegalArgumentException.class, () -> new RegisterExecutor(" ", "h", 1, "c", 0));
        assertThrows(IllegalArgumentException.class, () -> new Progress(1.5f));
        assertThrows(IllegalArgumentException.class, () -> new FinishApplication("DONE", ""));
    }
}
