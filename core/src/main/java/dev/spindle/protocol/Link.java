package dev.spindle.protocol;

import dev.spindle.protocol.Messages.BlockChunk;
import dev.spindle.protocol.Messages.BlockFailed;
import dev.spindle.protocol.Messages.ExecutorDemand;
import dev.spindle.protocol.Messages.ExecutorExited;
import dev.spindle.protocol.Messages.FetchBlock;
import dev.spindle.protocol.Messages.FetchFailed;
import dev.spindle.protocol.Messages.FinishApplication;
import dev.spindle.protocol.Messages.Heartbeat;
import dev.spindle.protocol.Messages.HeartbeatAck;
import dev.spindle.protocol.Messages.LaunchTask;
import dev.spindle.protocol.Messages.Progress;
import dev.spindle.protocol.Messages.RegisterAm;
import dev.spindle.protocol.Messages.RegisterExecutor;
import dev.spindle.protocol.Messages.Shutdown;
import dev.spindle.protocol.Messages.StageFinished;
import dev.spindle.protocol.Messages.TaskFailed;
import dev.spindle.protocol.Messages.TaskFinished;
import dev.spindle.protocol.Messages.TaskNotRun;

import java.util.Set;

/**
 * The kinds of connection in an application, each with the messages its connecting side (client) and
 * its listening side (server) may send. The kind is fixed by the handshake, under the application's
 * secret; a message outside its sender's set closes the connection before anything acts on it.
 */
public enum Link {
    /** An executor to the driver. */
    EXECUTOR(1,
            Set.of(RegisterExecutor.class, Heartbeat.class, TaskFinished.class, TaskFailed.class, TaskNotRun.class,
                    FetchFailed.class, Messages.FetchBroadcast.class, Messages.PartitionCached.class),
            Set.of(LaunchTask.class, Shutdown.class, HeartbeatAck.class, Messages.UpdateTokens.class,
                    Messages.BroadcastValue.class, Messages.Forget.class)),
    /** The ApplicationMaster to the driver. */
    APPLICATION_MASTER(2,
            Set.of(RegisterAm.class, Heartbeat.class, ExecutorExited.class, Messages.UpdateTokens.class),
            Set.of(Progress.class, FinishApplication.class, ExecutorDemand.class, StageFinished.class, Shutdown.class,
                    HeartbeatAck.class)),
    /** A reduce task to an executor's block server. */
    SHUFFLE(3,
            Set.of(FetchBlock.class),
            Set.of(BlockChunk.class, BlockFailed.class));

    final byte code;
    @SuppressWarnings("ImmutableEnumChecker") // Set.of: unmodifiable
    private final Set<Class<? extends Message>> clientSends;
    @SuppressWarnings("ImmutableEnumChecker") // Set.of: unmodifiable
    private final Set<Class<? extends Message>> serverSends;

    Link(int code, Set<Class<? extends Message>> clientSends, Set<Class<? extends Message>> serverSends) {
        this.code = (byte) code;
        this.clientSends = clientSends;
        this.serverSends = serverSends;
    }

    /** Whether the side that connected may send {@code message} on this kind of connection. */
    public boolean clientMaySend(Message message) {
        return clientMaySend(message.getClass());
    }

    /** Whether the side that listens may send {@code message} on this kind of connection. */
    public boolean serverMaySend(Message message) {
        return serverMaySend(message.getClass());
    }

    boolean clientMaySend(Class<? extends Message> type) {
        return clientSends.contains(type);
    }

    boolean serverMaySend(Class<? extends Message> type) {
        return serverSends.contains(type);
    }

    static Link of(byte code) {
        for (Link l : values()) {
            if (l.code == code) {
                return l;
            }
        }
        return null;
    }
}
