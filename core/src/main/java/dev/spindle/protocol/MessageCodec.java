package dev.spindle.protocol;

import dev.spindle.protocol.Messages.BlockChunk;
import dev.spindle.protocol.Messages.BlockFailed;
import dev.spindle.protocol.Messages.ExecutorDemand;
import dev.spindle.protocol.Messages.FetchFailed;
import dev.spindle.protocol.Messages.ExecutorExited;
import dev.spindle.protocol.Messages.HeartbeatAck;
import dev.spindle.protocol.Messages.TaskNotRun;
import dev.spindle.protocol.Messages.StageFinished;
import dev.spindle.protocol.Messages.FetchBlock;
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

import java.nio.charset.StandardCharsets;

/**
 * The binary form of every {@link Message}: one type byte, then the record's fields in declaration
 * order. Integers are big-endian; strings and byte arrays are an int length followed by the bytes
 * (strings in UTF-8). A frame carries exactly one message: {@link Transport} frames each message
 * with a 4-byte big-endian length before it.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageCodec {
    /** Bumped whenever a message's layout changes; peers of another version are refused. */
    public static final int VERSION = 9;

    private static final byte REGISTER_EXECUTOR = 1;
    private static final byte LAUNCH_TASK = 2;
    private static final byte TASK_FINISHED = 3;
    private static final byte TASK_FAILED = 4;
    private static final byte HEARTBEAT = 5;
    private static final byte SHUTDOWN = 6;
    private static final byte REGISTER_AM = 7;
    private static final byte PROGRESS = 8;
    private static final byte FINISH_APPLICATION = 9;
    private static final byte EXECUTOR_EXITED = 10;
    private static final byte FETCH_BLOCK = 11;
    static final byte BLOCK_CHUNK = 12;
    private static final byte BLOCK_FAILED = 13;
    private static final byte EXECUTOR_DEMAND = 14;
    private static final byte FETCH_FAILED = 15;
    private static final byte HEARTBEAT_ACK = 16;
    private static final byte TASK_NOT_RUN = 17;
    private static final byte STAGE_FINISHED = 18;
    private static final byte UPDATE_TOKENS = 19;
    private static final byte FETCH_BROADCAST = 20;
    private static final byte BROADCAST_VALUE = 21;
    private static final byte FORGET = 22;
    private static final byte PARTITION_CACHED = 23;

    private MessageCodec() {
    }

    public static void encode(Message message, ByteBuf out) {
        if (message instanceof RegisterExecutor m) {
            out.writeByte(REGISTER_EXECUTOR);
            out.writeInt(VERSION);
            writeString(out, m.executorId());
            writeString(out, m.host());
            out.writeInt(m.cores());
            writeString(out, m.containerId());
            out.writeInt(m.blockPort());
        } else if (message instanceof LaunchTask m) {
            out.writeByte(LAUNCH_TASK);
            out.writeLong(m.taskId());
            out.writeInt(m.attempt());
            out.writeInt(m.jobId());
            out.writeInt(m.stageId());
            out.writeInt(m.partitionIndex());
            writeBytes(out, m.taskBinary());
            writeBytes(out, m.partition());
        } else if (message instanceof TaskFinished m) {
            out.writeByte(TASK_FINISHED);
            out.writeLong(m.taskId());
            writeString(out, m.executorId());
            writeBytes(out, m.result());
            out.writeLong(m.runNanos());
            TaskMetrics t = m.metrics();
            out.writeLong(t.inputBytes());
            out.writeLong(t.inputRecords());
            out.writeLong(t.shuffleBytesWritten());
            out.writeLong(t.shuffleBytesRead());
            out.writeLong(t.shuffleBytesFetched());
            out.writeLong(t.outputRecords());
            out.writeLong(t.bytesSpilled());
            out.writeInt(m.accumulators().size());
            for (AccumulatorUpdate u : m.accumulators()) {
                out.writeLong(u.id());
                out.writeLong(u.count());
                out.writeLong(u.longSum());
                out.writeDouble(u.doubleSum());
            }
        } else if (message instanceof Messages.FetchBroadcast m) {
            out.writeByte(FETCH_BROADCAST);
            writeString(out, m.executorId());
            out.writeLong(m.broadcastId());
        } else if (message instanceof Messages.BroadcastValue m) {
            out.writeByte(BROADCAST_VALUE);
            out.writeLong(m.broadcastId());
            writeBytes(out, m.value());
            writeString(out, m.error());
        } else if (message instanceof Messages.Forget m) {
            out.writeByte(FORGET);
            out.writeByte(m.kind().ordinal());
            out.writeLong(m.id());
        } else if (message instanceof Messages.PartitionCached m) {
            out.writeByte(PARTITION_CACHED);
            writeString(out, m.executorId());
            out.writeInt(m.datasetId());
            out.writeInt(m.partition());
            out.writeLong(m.memoryBytes());
            out.writeLong(m.diskBytes());
        } else if (message instanceof TaskFailed m) {
            out.writeByte(TASK_FAILED);
            out.writeLong(m.taskId());
            writeString(out, m.executorId());
            writeString(out, m.exceptionClass());
            writeString(out, m.message());
            writeString(out, m.stackTrace());
        } else if (message instanceof Heartbeat m) {
            out.writeByte(HEARTBEAT);
            writeString(out, m.executorId());
            out.writeInt(m.runningTasks());
            out.writeLong(m.gcMillis());
            out.writeLong(m.heapUsedBytes());
            out.writeLong(m.heapMaxBytes());
        } else if (message instanceof Messages.UpdateTokens m) {
            out.writeByte(UPDATE_TOKENS);
            writeBytes(out, m.credentials());
        } else if (message instanceof StageFinished m) {
            out.writeByte(STAGE_FINISHED);
            out.writeInt(m.jobId());
            out.writeInt(m.stageId());
            writeString(out, m.what());
            out.writeLong(m.millis());
        } else if (message instanceof TaskNotRun m) {
            out.writeByte(TASK_NOT_RUN);
            out.writeLong(m.taskId());
            writeString(out, m.executorId());
            writeString(out, m.reason());
        } else if (message instanceof HeartbeatAck) {
            out.writeByte(HEARTBEAT_ACK);
        } else if (message instanceof Shutdown m) {
            out.writeByte(SHUTDOWN);
            writeString(out, m.reason());
        } else if (message instanceof RegisterAm m) {
            out.writeByte(REGISTER_AM);
            out.writeInt(VERSION);
            writeString(out, m.appAttemptId());
        } else if (message instanceof Progress m) {
            out.writeByte(PROGRESS);
            out.writeFloat(m.progress());
        } else if (message instanceof FinishApplication m) {
            out.writeByte(FINISH_APPLICATION);
            writeString(out, m.finalStatus());
            writeString(out, m.diagnostics());
        } else if (message instanceof ExecutorExited m) {
            out.writeByte(EXECUTOR_EXITED);
            writeString(out, m.executorId());
            out.writeInt(m.exitStatus());
            writeString(out, m.diagnostics());
            out.writeBoolean(m.failed());
        } else if (message instanceof FetchBlock m) {
            out.writeByte(FETCH_BLOCK);
            out.writeLong(m.requestId());
            out.writeInt(m.shuffleId());
            writeString(out, m.block());
            out.writeInt(m.reducePartition());
        } else if (message instanceof BlockChunk m) {
            writeChunkHeader(out, m.requestId(), m.last());
            out.writeBytes(m.data());
        } else if (message instanceof BlockFailed m) {
            out.writeByte(BLOCK_FAILED);
            out.writeLong(m.requestId());
            writeString(out, m.reason());
        } else if (message instanceof FetchFailed m) {
            out.writeByte(FETCH_FAILED);
            out.writeLong(m.taskId());
            writeString(out, m.executorId());
            out.writeInt(m.shuffleId());
            out.writeInt(m.mapPartition());
            writeString(out, m.mapExecutorId());
            writeString(out, m.host());
            writeString(out, m.reason());
        } else if (message instanceof ExecutorDemand m) {
            out.writeByte(EXECUTOR_DEMAND);
            out.writeInt(m.pendingTasksByHost().size());
            for (java.util.Map.Entry<String, Integer> e : new java.util.TreeMap<>(m.pendingTasksByHost()).entrySet()) {
                writeString(out, e.getKey());
                out.writeInt(e.getValue());
            }
        } else {
            throw new IllegalArgumentException("no wire form for " + message.getClass().getName());
        }
    }

    /**
     * Reads one message that fills {@code in} exactly.
     *
     * @throws ProtocolException if the bytes are not a message of this version
     */
    public static Message decode(ByteBuf in) {
        try {
            byte type = in.readByte();
            Message m = switch (type) {
                case REGISTER_EXECUTOR -> {
                    checkVersion(in.readInt());
                    yield new RegisterExecutor(readString(in), readString(in), in.readInt(), readString(in),
                            in.readInt());
                }
                case LAUNCH_TASK -> new LaunchTask(in.readLong(), in.readInt(), in.readInt(), in.readInt(),
                        in.readInt(), readBytes(in), readBytes(in));
                case TASK_FINISHED -> new TaskFinished(in.readLong(), readString(in), readBytes(in), in.readLong(),
                        new TaskMetrics(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                                in.readLong(), in.readLong()), readUpdates(in));
                case FETCH_BROADCAST -> new Messages.FetchBroadcast(readString(in), in.readLong());
                case BROADCAST_VALUE -> new Messages.BroadcastValue(in.readLong(), readBytes(in), readString(in));
                case FORGET -> {
                    int kind = in.readByte();
                    if (kind < 0 || kind >= Messages.Forget.Kind.values().length) {
                        throw new ProtocolException("unknown kind " + kind + " of thing to forget");
                    }
                    yield new Messages.Forget(Messages.Forget.Kind.values()[kind], in.readLong());
                }
                case PARTITION_CACHED -> new Messages.PartitionCached(readString(in), in.readInt(), in.readInt(),
                        in.readLong(), in.readLong());
                case TASK_FAILED -> new TaskFailed(in.readLong(), readString(in), readString(in), readString(in),
                        readString(in));
                case HEARTBEAT -> new Heartbeat(readString(in), in.readInt(), in.readLong(), in.readLong(),
                        in.readLong());
                case HEARTBEAT_ACK -> new HeartbeatAck();
                case TASK_NOT_RUN -> new TaskNotRun(in.readLong(), readString(in), readString(in));
                case UPDATE_TOKENS -> new Messages.UpdateTokens(readBytes(in));
                case STAGE_FINISHED -> new StageFinished(in.readInt(), in.readInt(), readString(in), in.readLong());
                case SHUTDOWN -> new Shutdown(readString(in));
                case REGISTER_AM -> {
                    checkVersion(in.readInt());
                    yield new RegisterAm(readString(in));
                }
                case PROGRESS -> new Progress(in.readFloat());
                case FINISH_APPLICATION -> new FinishApplication(readString(in), readString(in));
                case EXECUTOR_EXITED -> new ExecutorExited(readString(in), in.readInt(), readString(in),
                        in.readBoolean());
                case FETCH_BLOCK -> new FetchBlock(in.readLong(), in.readInt(), readString(in), in.readInt());
                case BLOCK_CHUNK -> {
                    long requestId = in.readLong();
                    boolean last = in.readBoolean();
                    byte[] data = new byte[in.readableBytes()];
                    in.readBytes(data);
                    yield new BlockChunk(requestId, last, data);
                }
                case BLOCK_FAILED -> new BlockFailed(in.readLong(), readString(in));
                case FETCH_FAILED -> new FetchFailed(in.readLong(), readString(in), in.readInt(), in.readInt(),
                        readString(in), readString(in), readString(in));
                case EXECUTOR_DEMAND -> {
                    int n = in.readInt();
                    if (n < 0 || n > in.readableBytes()) {
                        throw new ProtocolException("demand for " + n + " hosts in " + in.readableBytes() + " bytes");
                    }
                    java.util.Map<String, Integer> byHost = new java.util.HashMap<>();
                    for (int i = 0; i < n; i++) {
                        byHost.put(readString(in), in.readInt());
                    }
                    yield new ExecutorDemand(byHost);
                }
                default -> throw new ProtocolException("unknown message type " + type);
            };
            if (in.isReadable()) {
                throw new ProtocolException(in.readableBytes() + " unread bytes after " + m.getClass().getSimpleName());
            }
            return m;
        } catch (IndexOutOfBoundsException e) {
            throw new ProtocolException("truncated message", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProtocolException("invalid message: " + e.getMessage(), e);
        }
    }

    /**
     * A block chunk is its header followed by the raw bytes to the end of the frame, so a server can
     * send the bytes straight from a file after this header.
     */
    static void writeChunkHeader(ByteBuf out, long requestId, boolean last) {
        out.writeByte(BLOCK_CHUNK);
        out.writeLong(requestId);
        out.writeBoolean(last);
    }

    static final int CHUNK_HEADER_BYTES = 1 + 8 + 1;

    /** Each update is 32 bytes, so a count beyond what is left is refused before anything is allocated. */
    private static java.util.List<AccumulatorUpdate> readUpdates(ByteBuf in) {
        int n = in.readInt();
        if (n < 0 || (long) n * 32 > in.readableBytes()) {
            throw new ProtocolException(n + " accumulator updates in " + in.readableBytes() + " bytes");
        }
        java.util.List<AccumulatorUpdate> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new AccumulatorUpdate(in.readLong(), in.readLong(), in.readLong(), in.readDouble()));
        }
        return out;
    }

    private static void checkVersion(int version) {
        if (version != VERSION) {
            throw new ProtocolException("peer speaks protocol version " + version + ", this process " + VERSION
                    + ": the same Spindle version must run on both sides");
        }
    }

    private static void writeString(ByteBuf out, String s) {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(ByteBuf out, byte[] b) {
        out.writeInt(b.length);
        out.writeBytes(b);
    }

    private static String readString(ByteBuf in) {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ByteBuf in) {
        int n = in.readInt();
        if (n < 0 || n > in.readableBytes()) {
            throw new ProtocolException("length " + n + " exceeds the " + in.readableBytes() + " bytes left");
        }
        byte[] b = new byte[n];
        in.readBytes(b);
        return b;
    }
}
