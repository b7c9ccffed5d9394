package dev.spindle.driver;

import dev.spindle.JobFailedException;
import dev.spindle.RemoteTaskException;
import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Messages.FetchFailed;
import dev.spindle.protocol.Messages.FinishApplication;
import dev.spindle.protocol.Messages.LaunchTask;
import dev.spindle.protocol.Messages.RegisterExecutor;
import dev.spindle.protocol.Messages.Shutdown;
import dev.spindle.protocol.Messages.TaskFailed;
import dev.spindle.protocol.Messages.TaskFinished;
import dev.spindle.runtime.EventLoop;
import dev.spindle.status.StatusEvent;
import dev.spindle.status.StatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Hands the pending tasks of running stages to executor slots (through {@link TaskScheduler}'s delay
 * scheduling) and acts on what executors and the ApplicationMaster report: results, failures,
 * registrations, losses. The driver's state lives here.
 *
 * <p>Threading: every method runs on the driver's event loop; nothing here is thread-safe.
 */
final class TaskDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(TaskDispatcher.class);
    /** Which stage runs: lines meant for the user's console, not only the log. */
    private static final Logger PROGRESS = LoggerFactory.getLogger("dev.spindle.progress");

    /** Set once, by the first reason the driver can no longer run jobs; later stages fail with it at once. */
    private String stoppedBecause;
    /** The newest delegation tokens the AM sent; null until it sends any. */
    private dev.spindle.protocol.Messages.UpdateTokens latestTokens;
    private Throwable stopCause;

    private final SpindleConf conf;
    private final LongSupplier clock;
    private final EventLoop events;
    private final TaskScheduler<TaskRef> scheduler;
    private final ExecutorRegistry executors = new ExecutorRegistry();
    private final TaskAttempts attempts;
    private final AmLink am = new AmLink();
    private final AppStats stats = new AppStats();
    /**
     * How long the attempts of a lost executor wait for the AM to say why its container ended before
     * they are charged: the AM hears of a container's end within a few of its heartbeats (3 s apart
     * when it asks for nothing).
     */
    static final long LOSS_REASON_WAIT_MILLIS = 15_000;
    private final ExecutorLosses losses = new ExecutorLosses(LOSS_REASON_WAIT_MILLIS);
    private EventLoop.Timer lossTimer;
    private final OutputHandover handover = new OutputHandover();
    private boolean registrationWaitOver;
    private EventLoop.Timer wakeup;
    private long wakeupAt = -1;

    /** A task to the scheduler: one partition of one stage. */
    record TaskRef(StageRun stage, int partition) {
    }

    private final Accumulators accumulators;
    private final CacheTracker cached;
    /** Hears of stages, tasks and executors for the UI and the console; set by the driver. */
    private StatusListener status = StatusListener.NONE;

    TaskDispatcher(SpindleConf conf, Topology topology, LongSupplier clock, EventLoop events,
                   Accumulators accumulators, CacheTracker cached) {
        this.conf = conf;
        this.accumulators = accumulators;
        this.cached = cached;
        this.clock = clock;
        this.events = events;
        this.scheduler = new TaskScheduler<>(ref -> ref.stage.preferredHosts.get(ref.partition),
                ref -> ref.stage.preferredExecutors.get(ref.partition), topology::rackOf,
                conf.get(CoreKeys.LOCALITY_WAIT_NODE), conf.get(CoreKeys.LOCALITY_WAIT_RACK), clock,
                (ref, executorId, host) -> ref.stage.avoids(ref.partition, executorId, host));
        scheduler.knowHosts(dev.spindle.placement.HostMatcher.hostsOfNodes(conf.get(CoreKeys.NODE_MANAGER_HOSTS)));
        this.attempts = new TaskAttempts(conf.get(CoreKeys.TASK_MAX_FAILURES));
    }

    /** Who takes over a lost executor's map outputs on its host: set by the driver. */
    void outputHeirs(OutputHandover.Heirs heirs) {
        handover.heirs(heirs);
    }

    void statusListener(StatusListener listener) {
        this.status = listener;
    }

    AppStats stats() {
        return stats;
    }

    void submit(StageRun stage) {
        if (stoppedBecause != null) {
            stage.future.completeExceptionally(new JobFailedException(stoppedBecause, stopCause));
            return;
        }
        PROGRESS.info("job {}: stage {} ({}) starts: {} tasks", stage.jobId, stage.id, stage.what,
                stage.partitions.length);
        stats.stageSubmitted(stage.partitions.length, stage.recompute);
        status.on(new StatusEvent.StageSubmitted(stage.jobId, stage.id, stage.what, stage.partitions.length,
                stage.recompute, System.currentTimeMillis()));
        for (int p = 0; p < stage.partitions.length; p++) {
            scheduler.enqueue(new TaskRef(stage, p));
        }
        am.demand(scheduler.pendingByHost());
        am.progress(stats.progress());
        schedule();
    }

    /** Ends the wait for the first executors to register, so tasks start on those there are. */
    void endRegistrationWait() {
        if (!registrationWaitOver) {
            registrationWaitOver = true;
            if (scheduler.pendingCount() > 0) {
                LOG.warn("Starting tasks on {} executors: the others did not register within {} ms",
                        scheduler.executorCount(), conf.get(CoreKeys.MAX_REGISTERED_WAIT));
            }
            schedule();
        }
    }

    private void schedule() {
        if (!registrationWaitOver) {
            int wanted = (int) Math.ceil(conf.get(CoreKeys.MIN_REGISTERED_RATIO) * conf.get(CoreKeys.EXECUTOR_INSTANCES));
            registrationWaitOver = scheduler.executorCount() >= Math.max(1, wanted);
            if (!registrationWaitOver && !scheduler.canStartAllNow()) {
                return;
            }
        }
        for (TaskScheduler.Assignment<TaskRef> a : scheduler.assign()) {
            launch(a.task(), a.executorId(), a.locality());
        }
        // A slot waiting for local work may take less local work later: come back then.
        long next = scheduler.nextDecisionAt();
        if (next > 0 && (wakeupAt < 0 || next < wakeupAt)) {
            if (wakeup != null) {
                wakeup.cancel();
            }
            wakeupAt = next;
            wakeup = events.schedule(() -> {
                wakeupAt = -1;
                wakeup = null;
                schedule();
            }, Math.max(1, next - clock.getAsLong()));
        }
    }

    private void launch(TaskRef ref, String executorId, TaskScheduler.Locality locality) {
        StageRun stage = ref.stage;
        TaskAttempts.Attempt a = attempts.launch(stage, ref.partition, executorId, locality);
        stats.taskLaunched(System.currentTimeMillis());
        ExecutorRegistry.Entry on = executors.get(executorId);
        status.on(new StatusEvent.TaskStarted(a.taskId(), stage.id, stage.partitionIds[ref.partition], a.attempt(),
                executorId, on.host, locality.name(), System.currentTimeMillis()));
        on.connection.send(new LaunchTask(a.taskId(), a.attempt(), stage.jobId, stage.id,
                stage.partitionIds[ref.partition], stage.binary, stage.partitions[ref.partition]));
    }

    void registerExecutor(Connection from, RegisterExecutor r) {
        String already = executors.idOf(from);
        if (stoppedBecause != null || executors.contains(r.executorId()) || already != null) {
            LOG.warn("Refusing executor {} from {}: {}", r.executorId(), from.remoteAddress(),
                    stoppedBecause != null ? "the driver has stopped" : already != null
                            ? "this connection registered executor " + already + " already"
                            : "an executor with that id is registered");
            from.send(new Shutdown("refused by the driver"));
            from.close();
            return;
        }
        executors.add(r.executorId(), r.host(), r.containerId(), r.blockPort(), from, clock.getAsLong());
        if (latestTokens != null) {
            // It may have started with the tokens before the newest.
            from.send(latestTokens);
        }
        scheduler.addExecutor(r.executorId(), r.host(), r.cores());
        stats.executorRegistered(System.currentTimeMillis());
        status.on(new StatusEvent.ExecutorAdded(r.executorId(), r.host(), r.containerId(), r.cores(),
                System.currentTimeMillis()));
        LOG.info("Executor {} registered from {} with {} cores (container {})", r.executorId(), r.host(), r.cores(),
                r.containerId());
        schedule();
    }

    /**
     * New delegation tokens from the AM: this process's user gets them (a cluster-mode driver reads
     * HDFS with them), and so does every executor, now and on registering.
     */
    void updateTokens(dev.spindle.protocol.Messages.UpdateTokens tokens) {
        latestTokens = tokens;
        try {
            org.apache.hadoop.security.UserGroupInformation.getCurrentUser()
                    .addCredentials(dev.spindle.yarn.DelegationTokens.deserialize(tokens.credentials()));
        } catch (java.io.IOException e) {
            LOG.warn("Could not read the new delegation tokens from the ApplicationMaster: {}", e.toString());
            return;
        }
        int sent = tellExecutors(tokens);
        LOG.info("New delegation tokens from the ApplicationMaster passed on to {} executors", sent);
    }

    /** Sends {@code message} to every registered executor; returns to how many. */
    int tellExecutors(dev.spindle.protocol.Message message) {
        return executors.sendToAll(message);
    }

    void amConnected(Connection from, String attemptId) {
        LOG.info("ApplicationMaster {} connected from {}", attemptId, from.remoteAddress());
        am.connected(from, stats.stagesSubmitted() > 0, scheduler.pendingByHost());
    }

    /**
     * Whether {@code from} is the connection executor {@code executorId} registered on, and, for a
     * task's answer ({@code taskId} at least 0), whether that task was launched there. Anything else
     * is an executor speaking for another: its message is dropped.
     */
    boolean speaksFor(Connection from, String executorId, long taskId) {
        String registered = executors.idOf(from);
        if (registered == null || !registered.equals(executorId)) {
            LOG.warn("Dropping a message from {} claiming to be executor {}: that connection registered {}",
                    from.remoteAddress(), executorId, registered == null ? "no executor" : "executor " + registered);
            return false;
        }
        String runsOn = taskId < 0 ? null : attempts.executorOf(taskId);
        if (runsOn != null && !runsOn.equals(executorId)) {
            LOG.warn("Dropping executor {}'s answer for task {}: that task was launched on executor {}", executorId,
                    taskId, runsOn);
            return false;
        }
        return true;
    }

    void heartbeat(dev.spindle.protocol.Messages.Heartbeat h) {
        executors.heard(h.executorId(), clock.getAsLong());
        status.on(new StatusEvent.ExecutorMetrics(h.executorId(), h.gcMillis(), h.heapUsedBytes(), h.heapMaxBytes(),
                System.currentTimeMillis()));
    }

    void taskFinished(TaskFinished f) {
        TaskAttempts.Attempt a = attempts.finished(f.taskId());
        if (a == null) {
            return;
        }
        scheduler.release(a.executorId());
        ExecutorRegistry.Entry where = executors.get(a.executorId());
        stats.taskSucceeded(where == null ? a.executorId() : where.label(), a.locality(), f.metrics());
        StageRun stage = a.stage();
        long max = conf.get(CoreKeys.MAX_RESULT_SIZE);
        boolean tooLarge = !stage.future.isDone() && stage.resultBytes + f.result().length > max;
        status.on(new StatusEvent.TaskEnded(f.taskId(), stage.id, null, !tooLarge && stage.wants(a.partition()),
                f.metrics().inputBytes(), f.metrics().shuffleBytesRead(), f.metrics().shuffleBytesWritten(),
                f.metrics().bytesSpilled(), System.currentTimeMillis()));
        if (tooLarge) {
            failStage(stage, "Job " + stage.jobId + " failed: the results of stage " + stage.id + " come to more than "
                    + max + " bytes, the most spindle.driver.maxResultSize lets a job bring back to the driver;"
                    + " raise it, or bring back less (reduce, take, or save to a file)", null);
        } else if (stage.wants(a.partition())) {
            // Before the result is taken: taking the last one wakes the job, which may read accumulators.
            accumulators.apply(stage.updateScope, stage.partitionIds[a.partition()], f.accumulators());
            stage.accept(a.partition(), f.result());
            stage.resultBytes += f.result().length;
            stats.resultAccepted();
            if (stage.isComplete()) {
                long millis = (System.nanoTime() - stage.startNanos) / 1_000_000;
                PROGRESS.info("job {}: stage {} finished in {} ms", stage.jobId, stage.id, millis);
                am.stageFinished(stage.jobId, stage.id, stage.what, millis);
                status.on(new StatusEvent.StageEnded(stage.id, null, System.currentTimeMillis()));
            }
            am.progress(stats.progress());
        }
        schedule();
    }

    void taskFailed(TaskFailed f) {
        ExecutorRegistry.Entry where = executors.get(f.executorId());
        TaskAttempts.Outcome outcome = attempts.failed(f.taskId(), where == null ? null : where.host,
                where == null ? f.executorId() : where.label(), f.describe());
        TaskAttempts.Attempt a = outcome.attempt();
        if (a == null) {
            return;
        }
        scheduler.release(a.executorId());
        stats.attemptFailed();
        status.on(new StatusEvent.TaskEnded(f.taskId(), a.stage().id, f.describe(), false, 0, 0, 0, 0,
                System.currentTimeMillis()));
        LOG.warn("Task {} (stage {}, partition {}) failed on executor {}: {}", f.taskId(), a.stage().id,
                a.partition(), a.executorId(), f.describe());
        if (dev.spindle.internal.TaskRunner.leavesJvmUnusable(f.exceptionClass())) {
            // The executor exits next: give it nothing more (its loss then comes with the connection).
            scheduler.removeExecutor(a.executorId());
        }
        if (outcome instanceof TaskAttempts.Retry) {
            scheduler.enqueueFirst(new TaskRef(a.stage(), a.partition()));
        } else if (outcome instanceof TaskAttempts.FailJob fail) {
            failStage(a.stage(), fail.reason(),
                    new RemoteTaskException(f.exceptionClass(), f.message(), f.stackTrace()));
        }
        schedule();
    }

    /** An executor on its way out did not start a task it was sent: it runs elsewhere, uncounted. */
    void taskNotRun(dev.spindle.protocol.Messages.TaskNotRun n) {
        TaskAttempts.Attempt a = attempts.finished(n.taskId());
        if (a == null) {
            return;
        }
        scheduler.removeExecutor(a.executorId());
        status.on(new StatusEvent.TaskEnded(n.taskId(), a.stage().id, "did not start: " + n.reason(), false, 0, 0, 0,
                0, System.currentTimeMillis()));
        LOG.info("Task {} (stage {}, partition {}) did not start on executor {} ({}): running it elsewhere",
                n.taskId(), a.stage().id, a.partition(), a.executorId(), n.reason());
        if (!a.stage().future.isDone()) {
            scheduler.enqueueFirst(new TaskRef(a.stage(), a.partition()));
        }
        schedule();
    }

    /**
     * A task could not read a map output: not the task's failure. Its stage stops and hands the loss
     * to the job's thread, which recomputes the output and runs the stage again.
     */
    void fetchFailed(FetchFailed f) {
        TaskAttempts.Attempt a = attempts.finished(f.taskId());
        if (a == null) {
            return;
        }
        scheduler.release(a.executorId());
        StageRun stage = a.stage();
        LOG.warn("Task {} (stage {}, partition {}) on executor {} lost its input: {}", f.taskId(), stage.id,
                a.partition(), a.executorId(), f.reason());
        long now = System.currentTimeMillis();
        status.on(new StatusEvent.TaskEnded(f.taskId(), stage.id, "lost its input: " + f.reason(), false, 0, 0, 0, 0,
                now));
        if (!stage.future.isDone()) {
            stats.fetchFailed();
            status.on(new StatusEvent.StageEnded(stage.id, "a map output was lost: recomputing it", now));
            scheduler.removePending(ref -> ref.stage == stage);
            stage.future.completeExceptionally(new MapOutputLost(f.shuffleId(), f.mapPartition(), f.mapExecutorId(),
                    f.reason()));
        }
        schedule();
    }

    /**
     * The AM says an executor's container ended, and whether that was the application's doing: the
     * attempts lost with it are charged then, or never.
     */
    void executorExited(String executorId, int exitStatus, String diagnostics, boolean failed) {
        removeExecutor(executorId, "its container exited with status " + exitStatus);
        ExecutorLosses.Charge charge = losses.exited(executorId, failed,
                "its executor was lost: its container " + diagnostics);
        if (charge != null) {
            chargeLost(charge);
        } else if (!failed) {
            LOG.info("Executor {} was taken away ({}): the tasks it ran are not charged with a failure", executorId,
                    diagnostics);
        }
    }

    /** Counts a failure for each attempt of a charged loss; a partition past its limit fails its job. */
    private void chargeLost(ExecutorLosses.Charge charge) {
        ExecutorLosses.Loss loss = charge.loss();
        for (TaskAttempts.Attempt a : loss.attempts()) {
            stats.attemptFailed();
            TaskAttempts.Outcome outcome = attempts.charge(a, loss.host(), loss.label(), charge.why());
            if (outcome instanceof TaskAttempts.FailJob fail) {
                failStage(a.stage(), fail.reason(), null);
            }
        }
        schedule();
    }

    private void chargeExpiredLosses() {
        lossTimer = null;
        losses.expired(clock.getAsLong()).forEach(this::chargeLost);
        armLossTimer();
    }

    private void armLossTimer() {
        long next = losses.nextExpiry();
        if (next >= 0 && lossTimer == null) {
            lossTimer = events.schedule(this::chargeExpiredLosses, Math.max(1, next - clock.getAsLong()));
        }
    }

    /** A connection closed: the AM's, an executor's, or a peer's that never registered. */
    void disconnected(Connection connection) {
        if (am.isAm(connection)) {
            am.disconnected();
            if (stoppedBecause == null) {
                LOG.warn("ApplicationMaster disconnected");
            }
            return;
        }
        String id = executors.idOf(connection);
        if (id != null) {
            removeExecutor(id, "its connection closed");
        }
    }

    void dropSilentExecutors() {
        long timeout = conf.get(CoreKeys.NETWORK_TIMEOUT);
        for (String id : executors.silent(clock.getAsLong(), timeout)) {
            executors.get(id).connection.close();
            removeExecutor(id, "no heartbeat for " + timeout + " ms");
        }
    }

    private void removeExecutor(String executorId, String reason) {
        ExecutorRegistry.Entry gone = executors.remove(executorId);
        if (gone == null) {
            return;
        }
        scheduler.removeExecutor(executorId);
        cached.executorLost(executorId);
        List<TaskAttempts.Attempt> rerun = attempts.lostWith(executorId);
        long now = System.currentTimeMillis();
        for (TaskAttempts.Attempt a : rerun) {
            scheduler.enqueueFirst(new TaskRef(a.stage(), a.partition()));
            status.on(new StatusEvent.TaskEnded(a.taskId(), a.stage().id, "executor " + executorId + " lost: " + reason,
                    false, 0, 0, 0, 0, now));
        }
        status.on(new StatusEvent.ExecutorRemoved(executorId, reason, now));
        handover.handOver(gone, executors.all());
        losses.lost(new ExecutorLosses.Loss(executorId, gone.host, gone.label() + " (container " + gone.containerId
                + ")", rerun, clock.getAsLong()));
        armLossTimer();
        if (stoppedBecause == null) {
            LOG.warn("Lost executor {} on {} ({}); {} running tasks will run again", executorId, gone.host, reason,
                    rerun.size());
        }
        schedule();
    }

    void finishApplication(FinishApplication finish) {
        am.finish(finish);
    }

    /** Fails every running stage with {@code reason}; later stages keep running. */
    void failRunning(String reason, Throwable cause) {
        for (StageRun stage : activeStages()) {
            failStage(stage, reason, cause);
        }
    }

    /**
     * The driver can run no more jobs: fails what runs and everything submitted later with
     * {@code reason}. The first reason wins.
     */
    void stop(String reason, Throwable cause) {
        if (stoppedBecause == null) {
            stoppedBecause = reason;
            stopCause = cause;
        }
        failRunning(reason, cause);
    }

    boolean stopped() {
        return stoppedBecause != null;
    }

    /** Tells every executor to exit, waiting (bounded) for each message to leave. */
    void shutdownExecutors(String reason) {
        for (ExecutorRegistry.Entry e : new ArrayList<>(executors.all())) {
            e.connection.sendAndWait(new Shutdown(reason), 2000);
        }
    }

    private void failStage(StageRun stage, String message, Throwable cause) {
        if (stage.future.isDone()) {
            return;
        }
        LOG.error("{}", message);
        status.on(new StatusEvent.StageEnded(stage.id, message, System.currentTimeMillis()));
        scheduler.removePending(ref -> ref.stage == stage);
        stage.future.completeExceptionally(new JobFailedException(message, cause));
    }

    private Set<StageRun> activeStages() {
        Set<StageRun> out = new LinkedHashSet<>(attempts.activeStages());
        scheduler.removePending(ref -> {
            if (!ref.stage.future.isDone()) {
                out.add(ref.stage);
            }
            return false;
        });
        return out;
    }
}
