package dev.spindle.am;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.driver.Topology;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.Messages.ExecutorDemand;
import dev.spindle.protocol.Messages.ExecutorExited;
import dev.spindle.protocol.Messages.FinishApplication;
import dev.spindle.protocol.Messages.Heartbeat;
import dev.spindle.protocol.Messages.HeartbeatAck;
import dev.spindle.protocol.Messages.Progress;
import dev.spindle.protocol.Messages.Shutdown;
import dev.spindle.runtime.DriverWatch;
import dev.spindle.runtime.EventLoop;
import dev.spindle.runtime.ExitCode;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.function.LongSupplier;

/**
 * The ApplicationMaster of one attempt: registers with the ResourceManager, keeps the executor
 * containers at the target through {@link ContainerAllocator}, passes executor exits and progress
 * between YARN and the driver, and unregisters with the status the driver reports. It reaches YARN
 * and the driver only through {@link ResourceManagerClient}, {@link NodeManagerClient} (via the
 * {@link ExecutorStarter}) and {@link DriverLink}, so its lifecycle is unit-tested with fakes.
 *
 * <p>Every way out unregisters, with a diagnostic: the driver's final status, the ResourceManager's
 * shutdown request, the RM client's error, a driver that is gone, or an event that threw; and
 * {@link #run} returns the {@link ExitCode} the process exits with.
 *
 * <p>Threading: the RM, NM and driver callbacks only post events to the single {@code spindle-am-events}
 * loop, which owns the allocator and every field not marked volatile. The NM client and the driver link
 * start on a {@code spindle-am-prepare-1} thread while {@link #run} registers (it sets {@code starter}
 * before the loop first reads it); driver events that come before the registration is done are held
 * and reach the loop after it, in order.
 */
public final class ApplicationMaster {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationMaster.class);

    /** A finish decided on the loop: the status to unregister with and the code to exit with. */
    private record Outcome(FinalApplicationStatus status, String diagnostics, ExitCode exitCode) {
    }

    private final SpindleConf conf;
    private final AmAttempt attempt;
    private final String attemptId;
    private final String nmHost;
    private final ResourceManagerClient rm;
    private final NodeManagerClient nm;
    private final ExecutorStarter.Factory starters;
    private final DriverLink driver;
    private final HostedDriver hostedDriver;
    private final UnaryOperator<String> rackOf;
    private final ClusterNodes nodes;
    private final LongSupplier clock;
    private final Runnable cleanup;
    private final EventLoop events;
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private final CountDownLatch firstDemand = new CountDownLatch(1);
    /** What the driver says before the registration is done, held for the loop until it is. */
    private final HeldEvents afterRegistration;
    private volatile float progress;
    private final DriverWatch driverWatch;

    private ContainerAllocator allocator;
    private ExecutorStarter starter;
    private boolean finishing;
    private boolean fastHeartbeat = true;
    /** The driver's latest demand, kept until the allocator exists. */
    private Map<String, Integer> demand = Map.of();

    /**
     * @param hostedDriver the in-process driver in cluster mode, null in client mode
     * @param rackOf       a host's rack, or null when the cluster names none
     * @param cleanup      run once when the attempt ends (removes the staging directory)
     */
    ApplicationMaster(SpindleConf conf, AmAttempt attempt, String nmHost, ResourceManagerClient rm,
                      NodeManagerClient nm, ExecutorStarter.Factory starters, DriverLink driver,
                      HostedDriver hostedDriver, UnaryOperator<String> rackOf,
                      dev.spindle.placement.HostMatcher.Resolver resolver, LongSupplier clock, Runnable cleanup) {
        this.conf = conf;
        this.attempt = attempt;
        this.attemptId = attempt.toString();
        this.nmHost = nmHost;
        this.rm = rm;
        this.nm = nm;
        this.starters = starters;
        this.driver = driver;
        this.hostedDriver = hostedDriver;
        this.rackOf = rackOf;
        this.nodes = ClusterNodes.of(conf.get(CoreKeys.NODE_MANAGER_HOSTS), resolver);
        this.clock = clock;
        this.cleanup = cleanup;
        this.driverWatch = new DriverWatch(conf.get(CoreKeys.NETWORK_TIMEOUT), clock);
        this.events = new EventLoop("spindle-am-events", "ApplicationMaster " + attemptId,
                t -> finish(FinalApplicationStatus.FAILED, "the ApplicationMaster failed: an internal event threw "
                        + describe(t) + " (a bug in Spindle; the AM's log has the stack trace)", ExitCode.EVENT_LOOP_FAILED));
        this.afterRegistration = new HeldEvents(events);
    }

    /** Hands new delegation tokens to the driver, which passes them on to every executor. Thread-safe. */
    public void publishTokens(byte[] credentials) {
        events.post(() -> driver.send(new dev.spindle.protocol.Messages.UpdateTokens(credentials)));
    }

    /** Runs until the application is over; returns, after unregistering, the code to exit with. */
    public ExitCode run() throws InterruptedException {
        rm.start(new RmEvents());
        // The NM client and the driver link need no registration: prepare them while it is under way (the
        // link's class loading and handshake took half a second after it on a loaded 2-core machine). What
        // they report before the registration is held until it is done, so nothing unregisters before it.
        CompletableFuture<Boolean> preparing = CompletableFuture.supplyAsync(this::prepareExecutors,
                r -> new dev.spindle.util.DaemonThreads("spindle-am-prepare").newThread(r).start());
        Resource max;
        try {
            max = rm.register(nmHost);
        } catch (Exception e) {
            // Not registered: YARN will count this attempt as failed and show our stderr.
            LOG.error("ApplicationMaster {} could not register with the ResourceManager", attemptId, e);
            preparing.join();
            shutdown();
            return ExitCode.RM_CLIENT_FAILED;
        }
        LOG.info("ApplicationMaster {} registered with the ResourceManager", attemptId);
        boolean prepared = preparing.join();
        afterRegistration.release();
        long memory = CoreKeys.containerMebibytes(conf, conf.get(CoreKeys.EXECUTOR_MEMORY));
        Resource executorSize = Resource.newInstance(memory, conf.get(CoreKeys.EXECUTOR_CORES));
        if (memory > max.getMemorySize() || executorSize.getVirtualCores() > max.getVirtualCores()) {
            events.post(() -> finish(FinalApplicationStatus.FAILED, "executor containers of " + memory + " MiB and "
                    + executorSize.getVirtualCores() + " vcores exceed the cluster's maximum of " + max.getMemorySize()
                    + " MiB and " + max.getVirtualCores() + " vcores", ExitCode.APPLICATION_FAILED, true));
        } else if (prepared) {
            if (hostedDriver != null) {
                hostedDriver.start();
            }
            LOG.debug("Executors will be {} vcores and {} MiB", executorSize.getVirtualCores(), executorSize.getMemorySize());
            // The driver tells where its first stage's input is: ask after that, so the first containers
            // can already be placed near it (bounded by spindle.yarn.am.demandWait).
            firstDemand.await(conf.get(AmKeys.DEMAND_WAIT), TimeUnit.MILLISECONDS);
            events.post(() -> createAllocator(executorSize));
            long tick = Math.max(100, conf.get(AmKeys.LOCALITY_WAIT) / 4);
            events.every(tick, this::relaxStaleAsks);
            if (hostedDriver == null) {
                driverWatch.heard();
                events.every(conf.get(CoreKeys.EXECUTOR_HEARTBEAT_INTERVAL), this::watchDriver);
            }
        }
        Outcome outcome;
        try {
            outcome = done.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("unreachable: the outcome never completes exceptionally", e);
        }
        shutdown();
        return outcome.exitCode();
    }

    /**
     * Starts the NM client and the driver link, on the {@code spindle-am-prepare-1} thread while the main
     * thread registers; false when one cannot start (its failure then waits, held, for the registration).
     */
    private boolean prepareExecutors() {
        try {
            nm.start(new NmEvents());
            starter = starters.create();
        } catch (Exception e) {
            LOG.error("ApplicationMaster {} cannot prepare executor launches", attemptId, e);
            afterRegistration.post(() -> finish(FinalApplicationStatus.FAILED,
                    "the ApplicationMaster cannot prepare executor launches: " + describe(e), ExitCode.APPLICATION_FAILED));
            return false;
        }
        try {
            driver.connect(attemptId, new DriverEvents());
        } catch (Exception e) {
            afterRegistration.post(() -> finish(FinalApplicationStatus.FAILED,
                    "the ApplicationMaster cannot reach the driver: " + describe(e), ExitCode.DRIVER_LOST,
                    hostedDriver == null));
            return false;
        }
        return true;
    }

    private void shutdown() {
        nm.stop();
        rm.stop();
        driver.close();
        events.close();
    }

    // ---- event loop ----

    private void createAllocator(Resource executorSize) {
        if (finishing) {
            return;
        }
        allocator = new ContainerAllocator(rm.requester(executorSize), conf.get(AmKeys.MAX_EXECUTOR_FAILURES),
                conf.get(AmKeys.LOCALITY_WAIT), clock, rackOf, new ExecutorFailures(conf.get(AmKeys.FAILURES_VALIDITY),
                        conf.get(AmKeys.MAX_FAILURES_PER_HOST), clock), nodes);
        allocator.nameExecutors(attempt::executorId);
        allocator.setHostDemand(demand);
        allocator.setTarget(conf.get(CoreKeys.EXECUTOR_INSTANCES));
        LOG.info("Asked for {} executors of {} MiB and {} vcores near {}: {}", conf.get(CoreKeys.EXECUTOR_INSTANCES),
                executorSize.getMemorySize(), executorSize.getVirtualCores(), demand.isEmpty() ? "any host" : demand,
                allocator.outstandingLocations());
        logDemandWithoutNodeManager();
    }

    /** Says when some of the pending work is on hosts YARN cannot place containers on. */
    private void logDemandWithoutNodeManager() {
        if (allocator.demandWithoutNodeManager() > 0) {
            LOG.info("{} pending tasks prefer hosts that run no NodeManager YARN can use (of {} known); asked at "
                    + "their racks or anywhere at once: {}", allocator.demandWithoutNodeManager(), nodes.hosts().size(),
                    allocator.outstandingLocations());
        }
    }

    private void onNodesUpdated(List<ClusterNodes.Change> changes) {
        if (allocator == null) {
            nodes.apply(changes);
        } else if (!finishing && allocator.onNodesChanged(changes)) {
            LOG.info("Nodes changed ({}); executor asks placed again: {}", changes, allocator.outstandingLocations());
            adjustHeartbeat();
        }
    }

    private void relaxStaleAsks() {
        if (allocator != null && !finishing) {
            int relaxed = allocator.relaxStaleAsks();
            if (relaxed > 0) {
                LOG.info("{} executor asks unmet for {} ms widened to the next level (host, rack, any): {}",
                        relaxed, conf.get(AmKeys.LOCALITY_WAIT), allocator.outstandingLocations());
            }
        }
    }

    private void finish(FinalApplicationStatus status, String diagnostics, ExitCode exitCode) {
        finish(status, diagnostics, exitCode, false);
    }

    /**
     * Ends the attempt. A failure leaves the application registered, so that YARN starts the next
     * attempt, unless this is the last one or {@code verdict} says the failure is the application's
     * final outcome (a client-mode driver said so, or is gone: a new AM would have nothing to serve).
     */
    private void finish(FinalApplicationStatus status, String diagnostics, ExitCode exitCode, boolean verdict) {
        if (finishing) {
            return;
        }
        finishing = true;
        boolean unregister = status == FinalApplicationStatus.SUCCEEDED || verdict || attempt.last();
        LOG.info("ApplicationMaster {} finishing with {}: {}", attemptId, status, diagnostics);
        if (allocator != null) {
            allocator.setTarget(0);
        }
        ExitCode code = exitCode;
        if (hostedDriver != null) {
            hostedDriver.stop();
            if (hostedDriver.failure() != null) {
                code = ExitCode.EVENT_LOOP_FAILED;
            }
        }
        if (!unregister) {
            // Exiting non-zero without unregistering is how an AM asks YARN for another attempt; the
            // staging directory stays, since the next attempt starts from it.
            LOG.warn("ApplicationMaster {} failed (attempt {} of {}); YARN starts the next attempt: {}", attemptId,
                    attempt.number(), attempt.maxAttempts(), diagnostics);
            done.complete(new Outcome(status, diagnostics, code == ExitCode.SUCCESS ? ExitCode.APPLICATION_FAILED : code));
            return;
        }
        try {
            rm.unregister(status, diagnostics);
        } catch (Exception e) {
            LOG.error("ApplicationMaster {} could not unregister from the ResourceManager: {}", attemptId, e.toString());
        }
        try {
            cleanup.run();
        } finally {
            done.complete(new Outcome(status, diagnostics, code));
        }
    }

    /** Finishes as the driver said: a SUCCEEDED application exits 0, any other one with its named code. */
    private void finishAsDriverSaid(FinishApplication f) {
        FinalApplicationStatus status;
        try {
            status = FinalApplicationStatus.valueOf(f.finalStatus());
        } catch (IllegalArgumentException e) {
            finish(FinalApplicationStatus.FAILED, "the driver reported an unknown final status '" + f.finalStatus()
                    + "': " + f.diagnostics(), ExitCode.APPLICATION_FAILED);
            return;
        }
        // A client-mode driver's verdict is final: it outlives attempts, and has given up. In cluster
        // mode the next attempt runs the driver again, as Spark's does.
        finish(status, f.diagnostics(),
                status == FinalApplicationStatus.SUCCEEDED ? ExitCode.SUCCESS : ExitCode.APPLICATION_FAILED,
                hostedDriver == null);
    }

    private void adjustHeartbeat() {
        boolean fast = allocator != null && (allocator.outstanding() > 0 || allocator.starting() > 0);
        if (fast != fastHeartbeat) {
            fastHeartbeat = fast;
            rm.setHeartbeatInterval(fast ? conf.get(AmKeys.HEARTBEAT_FAST) : conf.get(AmKeys.HEARTBEAT_SLOW));
        }
    }

    private void onAllocated(List<Container> containers) {
        if (allocator == null || finishing) {
            containers.forEach(c -> rm.release(c.getId()));
            return;
        }
        for (ContainerAllocator.Launch l : allocator.onAllocated(containers)) {
            LOG.info("Launching executor {} in container {} on {}", l.executorId(), l.container().getId(),
                    l.container().getNodeId().getHost());
            starter.launch(l.container(), l.executorId());
        }
        adjustHeartbeat();
    }

    private void onCompleted(List<ContainerStatus> statuses) {
        if (allocator != null) {
            allocator.onCompleted(statuses).forEach(this::onEnded);
        }
    }

    private void onEnded(ContainerAllocator.Ended e) {
        if (finishing) {
            return;
        }
        String what = e.verdict().description();
        if (e.failed()) {
            LOG.warn("Executor {} (container {} on {}) {}: {}", e.executorId(), e.containerId(), e.host(), what,
                    e.diagnostics());
        } else if (e.verdict().fault() == ContainerTriage.Fault.CLUSTER) {
            LOG.info("Executor {} (container {} on {}) was {}, not the application's fault; replacing it",
                    e.executorId(), e.containerId(), e.host(), what);
        }
        if (!allocator.excludedHosts().isEmpty()) {
            LOG.info("Asking for no containers on {}: repeated executor failures there", allocator.excludedHosts());
        }
        driver.send(new ExecutorExited(e.executorId(), e.exitStatus(), what + ": " + e.diagnostics(), e.failed()));
        if (allocator.tooManyFailures()) {
            finish(FinalApplicationStatus.FAILED, allocator.failures() + " executor containers failed, more than "
                    + conf.get(AmKeys.MAX_EXECUTOR_FAILURES) + " allowed (spindle.yarn.maxExecutorFailures); last: "
                    + "executor " + e.executorId() + " in " + e.containerId() + " on " + e.host() + " " + what + ": "
                    + e.diagnostics(), ExitCode.APPLICATION_FAILED);
        }
        adjustHeartbeat();
    }

    /**
     * Client mode: heartbeats to the driver in spindle-submit, and the end of the application when it
     * has not answered for spindle.network.timeout (stopped, or cut off with its connection open): no
     * next attempt either, since it would wait for the same driver.
     */
    private void watchDriver() {
        if (finishing) {
            return;
        }
        long silent = driverWatch.silentForMillis();
        if (silent >= 0) {
            finish(FinalApplicationStatus.FAILED, "nothing heard from the driver for " + silent
                    + " ms, more than spindle.network.timeout allows: it is stopped or cut off from the cluster",
                    ExitCode.DRIVER_LOST, true);
            return;
        }
        driver.send(new Heartbeat(attemptId, 0));
    }

    private void onDriverMessage(Message message) {
        if (message instanceof FinishApplication f) {
            finishAsDriverSaid(f);
        } else if (message instanceof ExecutorDemand d) {
            demand = d.pendingTasksByHost();
            if (allocator != null && !finishing) {
                allocator.setHostDemand(demand);
                logDemandWithoutNodeManager();
                adjustHeartbeat();
            }
        } else if (message instanceof dev.spindle.protocol.Messages.StageFinished s) {
            // The line Faults.awaitStageFinished looks for; keep them in step.
            LOG.info("Driver: job {}: stage {} ({}) finished in {} ms", s.jobId(), s.stageId(), s.what(), s.millis());
        } else if (message instanceof Shutdown s) {
            finish(FinalApplicationStatus.FAILED, "the driver stopped: " + s.reason(), ExitCode.APPLICATION_FAILED,
                    hostedDriver == null);
        } else {
            LOG.warn("ApplicationMaster {} ignoring unexpected {} from the driver", attemptId,
                    message.getClass().getSimpleName());
        }
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
    }

    private final class RmEvents implements ResourceManagerClient.Events {
        @Override
        public void onAllocated(List<Container> containers) {
            events.post(() -> ApplicationMaster.this.onAllocated(containers));
        }

        @Override
        public void onCompleted(List<ContainerStatus> statuses) {
            events.post(() -> ApplicationMaster.this.onCompleted(statuses));
        }

        @Override
        public void onShutdownRequest() {
            events.post(() -> finish(FinalApplicationStatus.FAILED,
                    "the ResourceManager asked the ApplicationMaster to shut down", ExitCode.APPLICATION_FAILED));
        }

        @Override
        public void onNodesUpdated(List<ClusterNodes.Change> changes) {
            events.post(() -> ApplicationMaster.this.onNodesUpdated(changes));
        }

        @Override
        public float progress() {
            return progress;
        }

        @Override
        public void onError(Throwable e) {
            LOG.error("ApplicationMaster {}: the ResourceManager client failed", attemptId, e);
            events.post(() -> finish(FinalApplicationStatus.FAILED,
                    "the ApplicationMaster's ResourceManager client failed: " + describe(e), ExitCode.RM_CLIENT_FAILED));
        }
    }

    private final class NmEvents implements NodeManagerClient.Events {
        @Override
        public void onStarted(ContainerId id) {
            events.post(() -> {
                if (allocator != null) {
                    allocator.onStarted(id);
                    adjustHeartbeat();
                }
            });
        }

        @Override
        public void onStartFailed(ContainerId id, Throwable t) {
            events.post(() -> {
                if (allocator != null) {
                    allocator.onStartFailed(id, t.toString()).ifPresent(ApplicationMaster.this::onEnded);
                }
            });
        }
    }

    private final class DriverEvents implements DriverLink.Events {
        @Override
        public void onMessage(Message message) {
            driverWatch.heard();
            if (message instanceof HeartbeatAck) {
                return;
            }
            if (message instanceof Progress p) {
                progress = p.progress();
                return;
            }
            afterRegistration.post(() -> onDriverMessage(message));
            if (message instanceof ExecutorDemand) {
                // After queueing the demand, so the allocator the main thread creates next sees it.
                firstDemand.countDown();
            }
        }

        @Override
        public void onDisconnected() {
            afterRegistration.post(() -> finish(FinalApplicationStatus.FAILED,
                    "the driver disconnected before it reported the application's end", ExitCode.DRIVER_LOST,
                    hostedDriver == null));
        }
    }
}
