package dev.spindle.driver;

import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.ExecutorExited;
import dev.spindle.protocol.Messages.FetchFailed;
import dev.spindle.protocol.Messages.Heartbeat;
import dev.spindle.protocol.Messages.RegisterAm;
import dev.spindle.protocol.Messages.RegisterExecutor;
import dev.spindle.protocol.Messages.TaskFailed;
import dev.spindle.protocol.Messages.TaskFinished;
import dev.spindle.runtime.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What arrives at the driver's port: each message and each closed connection becomes one event on the
 * driver's loop, handed to the {@link TaskDispatcher}.
 *
 * <p>Threading: called on Netty's I/O threads; it only posts and returns.
 */
final class DriverEndpoint implements MessageListener {
    private static final Logger LOG = LoggerFactory.getLogger(DriverEndpoint.class);

    private final EventLoop events;
    private final TaskDispatcher dispatcher;
    private final Broadcasts broadcasts;
    private final CacheTracker cached;

    DriverEndpoint(EventLoop events, TaskDispatcher dispatcher, Broadcasts broadcasts, CacheTracker cached) {
        this.events = events;
        this.dispatcher = dispatcher;
        this.broadcasts = broadcasts;
        this.cached = cached;
    }

    @Override
    public void onMessage(Connection from, Message message) {
        // A closed loop means the driver has stopped: late messages have no one to tell.
        events.post(() -> handle(from, message));
    }

    @Override
    public void onDisconnected(Connection connection) {
        events.post(() -> dispatcher.disconnected(connection));
    }

    /**
     * The transport lets through only the messages the peer's kind may send (executor or AM, proved in
     * the handshake); here an executor may further speak only for itself and its own tasks.
     */
    private void handle(Connection from, Message message) {
        if (message instanceof RegisterExecutor r) {
            dispatcher.registerExecutor(from, r);
        } else if (message instanceof RegisterAm r) {
            dispatcher.amConnected(from, r.appAttemptId());
        } else if (message instanceof Heartbeat h) {
            if (from.link() == Link.EXECUTOR) {
                if (!dispatcher.speaksFor(from, h.executorId(), -1)) {
                    return;
                }
                dispatcher.heartbeat(h);
            }
            from.send(new dev.spindle.protocol.Messages.HeartbeatAck());
        } else if (message instanceof TaskFinished f) {
            if (dispatcher.speaksFor(from, f.executorId(), f.taskId())) {
                dispatcher.taskFinished(f);
            }
        } else if (message instanceof TaskFailed f) {
            if (dispatcher.speaksFor(from, f.executorId(), f.taskId())) {
                dispatcher.taskFailed(f);
            }
        } else if (message instanceof dev.spindle.protocol.Messages.TaskNotRun n) {
            if (dispatcher.speaksFor(from, n.executorId(), n.taskId())) {
                dispatcher.taskNotRun(n);
            }
        } else if (message instanceof FetchFailed f) {
            if (dispatcher.speaksFor(from, f.executorId(), f.taskId())) {
                dispatcher.fetchFailed(f);
            }
        } else if (message instanceof dev.spindle.protocol.Messages.FetchBroadcast f) {
            if (dispatcher.speaksFor(from, f.executorId(), -1)) {
                from.send(broadcasts.serve(f.broadcastId()));
            }
        } else if (message instanceof dev.spindle.protocol.Messages.PartitionCached c) {
            if (dispatcher.speaksFor(from, c.executorId(), -1)) {
                cached.update(c.executorId(), c.datasetId(), c.partition(), c.memoryBytes(), c.diskBytes());
            }
        } else if (message instanceof dev.spindle.protocol.Messages.UpdateTokens u) {
            dispatcher.updateTokens(u);
        } else if (message instanceof ExecutorExited e) {
            LOG.warn("Executor {} exited with {}: {}", e.executorId(),
                    dev.spindle.runtime.ExitCode.describe(e.exitStatus()), e.diagnostics());
            dispatcher.executorExited(e.executorId(), e.exitStatus(), e.diagnostics(), e.failed());
        } else {
            LOG.warn("Ignoring unexpected {} from {}", message.getClass().getSimpleName(), from);
        }
    }
}
