package dev.spindle.am;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;

import java.util.List;

/**
 * {@link ResourceManagerClient} over YARN's AMRMClientAsync. Its callbacks only forward to the AM's
 * {@link ResourceManagerClient.Events}, which post to the AM's event loop.
 */
final class YarnResourceManagerClient implements ResourceManagerClient {
    private final Configuration yarnConf;
    private final int heartbeatMillis;
    private final String executorLabels;
    private final java.util.concurrent.CompletableFuture<String> trackingUrl;
    private final String finalTrackingUrl;
    private AMRMClientAsync<ContainerRequest> client;

    /**
     * @param executorLabels node label of executors' containers, or empty for none
     * @param trackingUrl    the driver's UI, which the ResourceManager's proxy serves; empty for none. A
     *                       cluster-mode driver may still be starting when the AM registers: YARN then
     *                       hears of its UI with a later heartbeat.
     * @param finalTrackingUrl where the finished application is shown (its history server page); empty for none
     */
    YarnResourceManagerClient(Configuration yarnConf, long heartbeatMillis, String executorLabels,
                              java.util.concurrent.CompletableFuture<String> trackingUrl, String finalTrackingUrl) {
        this.trackingUrl = trackingUrl;
        this.finalTrackingUrl = finalTrackingUrl;
        this.yarnConf = yarnConf;
        this.heartbeatMillis = (int) heartbeatMillis;
        this.executorLabels = executorLabels;
    }

    @Override
    public void start(Events events) {
        client = AMRMClientAsync.createAMRMClientAsync(heartbeatMillis, new Callbacks(events));
        client.init(yarnConf);
        client.start();
    }

    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // a driver that never starts fails the AM where it is awaited
    public Resource register(String host) throws Exception {
        // A driver that could not start has no UI; the AM hears of that failure where it awaits the driver.
        String url = trackingUrl.isDone() && !trackingUrl.isCompletedExceptionally() ? trackingUrl.join() : null;
        Resource max = client.registerApplicationMaster(host, 0, url == null ? "" : url).getMaximumResourceCapability();
        if (url == null) {
            trackingUrl.thenAccept(u -> {
                if (!u.isEmpty()) {
                    client.updateTrackingUrl(u);
                }
            });
        }
        return max;
    }

    @Override
    public ContainerRequester requester(Resource executorSize) {
        return new YarnContainerRequester(client, executorSize, executorLabels);
    }

    @Override
    public void release(org.apache.hadoop.yarn.api.records.ContainerId id) {
        client.releaseAssignedContainer(id);
    }

    @Override
    public void setHeartbeatInterval(long millis) {
        client.setHeartbeatInterval((int) millis);
    }

    @Override
    public void unregister(FinalApplicationStatus status, String diagnostics) throws Exception {
        client.unregisterApplicationMaster(status, diagnostics, finalTrackingUrl);
    }

    @Override
    public void stop() {
        if (client != null) {
            client.stop();
        }
    }

    private static final class Callbacks extends AMRMClientAsync.AbstractCallbackHandler {
        private final Events events;

        Callbacks(Events events) {
            this.events = events;
        }

        @Override
        public void onContainersAllocated(List<Container> containers) {
            events.onAllocated(containers);
        }

        @Override
        public void onContainersCompleted(List<ContainerStatus> statuses) {
            events.onCompleted(statuses);
        }

        @Override
        public void onContainersUpdated(List<UpdatedContainer> containers) {
            // Spindle never asks to resize a container.
        }

        @Override
        public void onShutdownRequest() {
            events.onShutdownRequest();
        }

        @Override
        public void onNodesUpdated(List<NodeReport> updated) {
            List<ClusterNodes.Change> changes = new java.util.ArrayList<>(updated.size());
            for (NodeReport r : updated) {
                // Only a RUNNING node gets new containers: a DECOMMISSIONING one is draining.
                changes.add(new ClusterNodes.Change(r.getNodeId().toString(),
                        r.getNodeState() == org.apache.hadoop.yarn.api.records.NodeState.RUNNING));
            }
            events.onNodesUpdated(changes);
        }

        @Override
        public float getProgress() {
            return events.progress();
        }

        @Override
        public void onError(Throwable e) {
            events.onError(e);
        }
    }
}
