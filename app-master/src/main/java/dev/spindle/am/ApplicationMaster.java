package dev.spindle.am;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.driver.Topology;
import dev.spindle.util.DaemonThreads;
import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.ExecutorDemand;
import dev.spindle.protocol.Messages.ExecutorExited;
import dev.spindle.protocol.Messages.FinishApplication;
import dev.spindle.protocol.Messages.Progress;
import dev.spindle.protocol.Messages.RegisterAm;
import dev.spindle.protocol.Messages.Shutdown;
import dev.spindle.protocol.Transport;
import dev.spindle.yarn.LaunchContexts;
import dev.spindle.yarn.StagedFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * The ApplicationMaster of one attempt: registers with the ResourceManager, keeps the executor
 * containers at the target through {@link ContainerAllocator}, passes executor exits and progress
 * between YARN and the driver, and unregisters with the status the driver reports.
 *
 * <p>Threading: AMRMClientAsync, NMClientAsync and Netty callbacks only post events to the single
 * {@code spindle-am-events} thread, which owns the allocator and every field not marked volatile.
 */
public final class ApplicationMaster {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationMaster.class);

    private final SpindleConf conf;
    private final Configuration yarnConf;
    private final ApplicationAttemptId attemptId;
    private final String nmHost;
    private final String driverAddress;
    private final ClusterModeDriver clusterDriver;
    private final ByteBuffer tokens;
    private final java.util.concurrent.ScheduledExecutorService events =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads("spindle-am-events"));
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile float progress;

    private AMRMClientAsync<ContainerRequest> amrm;
    private NMClientAsync nm;
    private ContainerAllocator allocator;
    private ExecutorLauncher launcher;
    private Transport transport;
    private Connection driver;
    private boolean finishing;
    private boolean fastHeartbeat = true;
    /** The driver's latest demand, kept until the allocator exists. */
    private Map<String, Integer> demand = Map.of();
    private final java.util.concurrent.CountDownLatch firstDemand = new java.util.concurrent.CountDownLatch(1);

    /**
     * @param clusterDriver the in-process driver in cluster mode, null in client mode
     */
    public ApplicationMaster(SpindleConf conf, Configuration yarnConf, ApplicationAttemptId attemptId, String nmHost,
                             String driverAddress, ClusterModeDriver clusterDriver, ByteBuffer tokens) {
        this.conf = conf;
        this.yarnConf = yarnConf;
        this.attemptId = attemptId;
        this.nmHost = nmHost;
        this.driverAddress = driverAddress;
        this.clusterDriver = clusterDriver;
        this.tokens = tokens;
    }

    /** Runs until the application is over; returns after unregistering. */
    public void run() throws Exception {
        amrm = AMRMClientAsync.createAMRMClientAsync((int) (long) conf.get(AmKeys.HEARTBEAT_FAST), new RmCallbacks());
        amrm.init(yarnConf);
        amrm.start();
        RegisterApplicationMasterResponse reg = amrm.registerApplicationMaster(nmHost, 0, "");
        LOG.info("ApplicationMaster {} registered with the ResourceManager (driver at {})", attemptId, driverAddress);

        long memory = CoreKeys.containerMebibytes(conf, conf.get(CoreKeys.EXECUTOR_MEMORY));
        Resource executorSize = Resource.newInstance(memory, conf.get(CoreKeys.EXECUTOR_CORES));
        Resource max = reg.getMaximumResourceCapability();
        if (memory > max.getMemorySize() || executorSize.getVirtualCores() > max.getVirtualCores()) {
            finish(FinalApplicationStatus.FAILED, "executor containers of " + memory + " MiB and "
                    + executorSize.getVirtualCores() + " vcores exceed the cluster's maximum of " + max.getMemorySize()
                    + " MiB and " + max.getVirtualCores() + " vcores");
        } else {
            nm = NMClientAsync.createNMClientAsync(new NmCallbacks());
            nm.init(yarnConf);
            nm.start();
            Path staging = new Path(conf.get(CoreKeys.STAGING_DIR));
            Map<String, org.apache.hadoop.yarn.api.records.LocalResource> resources = LaunchContexts.localResources(
                    staging.getFileSystem(yarnConf), staging, StagedFiles.forExecutor());
            launcher = new ExecutorLauncher(nm, resources, LaunchContexts.environment(yarnConf), conf, driverAddress,
                    tokens);
            // The driver tells where its first stage's input is: ask after that, so the first containers
            // can already be placed near it (bounded by spindle.yarn.am.demandWait).
            connectToDriver();
            if (clusterDriver != null) {
                clusterDriver.start();
            }
            firstDemand.await(conf.get(AmKeys.DEMAND_WAIT), java.util.concurrent.TimeUnit.MILLISECONDS);
            events.execute(() -> {
                allocator = new ContainerAllocator(new YarnContainerRequester(amrm, executorSize),
                        conf.get(AmKeys.MAX_EXECUTOR_FAILURES), conf.get(AmKeys.LOCALITY_WAIT),
                        System::currentTimeMillis, new Topology(yarnConf)::knownRackOf);
                allocator.setHostDemand(demand);
                allocator.setTarget(conf.get(CoreKeys.EXECUTOR_INSTANCES));
                LOG.info("Asked for {} executors of {} MiB and {} vcores near {}", conf.get(CoreKeys.EXECUTOR_INSTANCES),
                        memory, executorSize.getVirtualCores(), demand.isEmpty() ? "any host" : demand);
            });
            long tick = Math.max(100, conf.get(AmKeys.LOCALITY_WAIT) / 4);
            events.scheduleWithFixedDelay(() -> {
                if (allocator != null && !finishing) {
                    int relaxed = allocator.relaxStaleAsks();
                    if (relaxed > 0) {
                        LOG.info("{} executor asks unmet for {} ms widened to the next level (host, rack, any): {}",
                                relaxed, conf.get(AmKeys.LOCALITY_WAIT), allocator.outstandingLocations());
                    }
                }
            }, tick, tick, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        done.get();
        if (nm != null) {
            nm.stop();
        }
        amrm.stop();
        if (transport != null) {
            transport.close();
        }
        events.shutdownNow();
    }

    private void connectToDriver() {
        int colon = driverAddress.lastIndexOf(':');
        transport = new Transport("am", 1);
        try {
            driver = transport.connect(driverAddress.substring(0, colon),
                    Integer.parseInt(driverAddress.substring(colon + 1)), 10_000, new DriverListener());
            driver.send(new RegisterAm(attemptId.toString()));
        } catch (IOException | RuntimeException e) {
            events.execute(() -> finish(FinalApplicationStatus.FAILED,
                    "the ApplicationMaster cannot reach the driver at " + driverAddress + ": " + e.getMessage()));
        }
    }

    // ---- event thread ----

    private void finish(FinalApplicationStatus status, String diagnostics) {
        if (finishing) {
            return;
        }
        finishing = true;
        LOG.info("ApplicationMaster {} finishing with {}: {}", attemptId, status, diagnostics);
        if (allocator != null) {
            allocator.setTarget(0);
        }
        if (clusterDriver != null) {
            clusterDriver.driver().close();
        }
        try {
            amrm.unregisterApplicationMaster(status, diagnostics, "");
        } catch (Exception e) {
            LOG.error("Could not unregister from the ResourceManager: {}", e.toString());
        }
        deleteStagingDir();
        done.complete(null);
    }

    private void deleteStagingDir() {
        String dir = conf.get(CoreKeys.STAGING_DIR);
        if (dir.isEmpty()) {
            return;
        }
        try {
            Path p = new Path(dir);
            p.getFileSystem(yarnConf).delete(p, true);
        } catch (IOException e) {
            LOG.warn("Could not delete the staging directory {}: {}", dir, e.toString());
        }
    }

    private void adjustHeartbeat() {
        boolean fast = allocator != null && (allocator.outstanding() > 0 || allocator.starting() > 0);
        if (fast != fastHeartbeat) {
            fastHeartbeat = fast;
            amrm.setHeartbeatInterval((int) (long) (fast ? conf.get(AmKeys.HEARTBEAT_FAST) : conf.get(AmKeys.HEARTBEAT_SLOW)));
        }
    }

    private void onAllocated(List<Container> containers) {
        if (allocator == null || finishing) {
            containers.forEach(c -> amrm.releaseAssignedContainer(c.getId()));
            return;
        }
        for (ContainerAllocator.Launch l : allocator.onAllocated(containers)) {
            LOG.info("Launching executor {} in container {} on {}", l.executorId(), l.container().getId(),
                    l.container().getNodeId().getHost());
            launcher.launch(l.container(), l.executorId());
        }
        adjustHeartbeat();
    }

    private void onEnded(ContainerAllocator.Ended e) {
        if (finishing) {
            return;
        }
        if (e.failed()) {
            LOG.warn("Executor {} (container {}) failed with exit status {}: {}", e.executorId(), e.containerId(),
                    e.exitStatus(), e.diagnostics());
        }
        if (driver != null) {
            driver.send(new ExecutorExited(e.executorId(), e.exitStatus(), e.diagnostics()));
        }
        if (allocator.tooManyFailures()) {
            finish(FinalApplicationStatus.FAILED, allocator.failures() + " executor containers failed, more than "
                    + conf.get(AmKeys.MAX_EXECUTOR_FAILURES) + " allowed (spindle.yarn.maxExecutorFailures); last: exit status "
                    + e.exitStatus() + ": " + e.diagnostics());
        }
        adjustHeartbeat();
    }

    private final class RmCallbacks extends AMRMClientAsync.AbstractCallbackHandler {
        @Override
        public void onContainersAllocated(List<Container> containers) {
            events.execute(() -> onAllocated(containers));
        }

        @Override
        public void onContainersCompleted(List<ContainerStatus> statuses) {
            events.execute(() -> {
                if (allocator != null) {
                    allocator.onCompleted(statuses).forEach(ApplicationMaster.this::onEnded);
                }
            });
        }

        @Override
        public void onContainersUpdated(List<UpdatedContainer> containers) {
        }

        @Override
        public void onShutdownRequest() {
            events.execute(() -> finish(FinalApplicationStatus.FAILED,
                    "the ResourceManager asked the ApplicationMaster to shut down"));
        }

        @Override
        public void onNodesUpdated(List<NodeReport> updated) {
        }

        @Override
        public float getProgress() {
            return progress;
        }

        @Override
        public void onError(Throwable e) {
            events.execute(() -> {
                LOG.error("ResourceManager client failed", e);
                finishing = true;
                done.complete(null);
            });
        }
    }

    private final class NmCallbacks extends NMClientAsync.AbstractCallbackHandler {
        @Override
        public void onContainerStarted(ContainerId id, Map<String, ByteBuffer> serviceResponse) {
            events.execute(() -> {
                allocator.onStarted(id);
                adjustHeartbeat();
            });
        }

        @Override
        public void onStartContainerError(ContainerId id, Throwable t) {
            events.execute(() -> allocator.onStartFailed(id, t.toString()).ifPresent(ApplicationMaster.this::onEnded));
        }

        @Override
        public void onContainerStatusReceived(ContainerId id, ContainerStatus status) {
        }

        @Override
        public void onContainerStopped(ContainerId id) {
        }

        @Override
        public void onContainerResourceIncreased(ContainerId id, Resource resource) {
        }

        @Override
        public void onContainerResourceUpdated(ContainerId id, Resource resource) {
        }

        @Override
        public void onGetContainerStatusError(ContainerId id, Throwable t) {
        }

        @Override
        public void onIncreaseContainerResourceError(ContainerId id, Throwable t) {
        }

        @Override
        public void onUpdateContainerResourceError(ContainerId id, Throwable t) {
        }

        @Override
        public void onStopContainerError(ContainerId id, Throwable t) {
        }
    }

    private final class DriverListener implements MessageListener {
        @Override
        public void onMessage(Connection connection, Message message) {
            if (message instanceof Progress p) {
                progress = p.progress();
            } else if (message instanceof FinishApplication f) {
                events.execute(() -> finish(FinalApplicationStatus.valueOf(f.finalStatus()), f.diagnostics()));
            } else if (message instanceof ExecutorDemand d) {
                events.execute(() -> {
                    demand = d.pendingTasksByHost();
                    if (allocator != null && !finishing) {
                        allocator.setHostDemand(demand);
                        adjustHeartbeat();
                    }
                });
                // After queueing the demand, so the allocator the main thread creates next sees it.
                firstDemand.countDown();
            } else if (message instanceof Shutdown s) {
                events.execute(() -> finish(FinalApplicationStatus.FAILED, "the driver stopped: " + s.reason()));
            } else {
                LOG.warn("Ignoring unexpected {} from the driver", message.getClass().getSimpleName());
            }
        }

        @Override
        public void onDisconnected(Connection connection) {
            events.execute(() -> finish(FinalApplicationStatus.FAILED,
                    "the driver disconnected before it reported the application's end"));
        }
    }
}
