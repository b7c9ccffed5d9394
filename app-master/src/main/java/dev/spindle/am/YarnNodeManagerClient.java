package dev.spindle.am;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Map;

/** {@link NodeManagerClient} over YARN's NMClientAsync; its callbacks only forward. */
final class YarnNodeManagerClient implements NodeManagerClient {
    private static final Logger LOG = LoggerFactory.getLogger(YarnNodeManagerClient.class);

    private final Configuration yarnConf;
    private NMClientAsync client;

    YarnNodeManagerClient(Configuration yarnConf) {
        this.yarnConf = yarnConf;
    }

    @Override
    public void start(Events events) {
        client = NMClientAsync.createNMClientAsync(new Callbacks(events));
        client.init(yarnConf);
        client.start();
    }

    @Override
    public void startContainer(Container container, ContainerLaunchContext context) {
        client.startContainerAsync(container, context);
    }

    @Override
    public void stop() {
        if (client != null) {
            client.stop();
        }
    }

    // Hadoop's handler still declares the deprecated resize callbacks abstract: they must be implemented.
    @SuppressWarnings("deprecation")
    private static final class Callbacks extends NMClientAsync.AbstractCallbackHandler {
        private final Events events;

        Callbacks(Events events) {
            this.events = events;
        }

        @Override
        public void onContainerStarted(ContainerId id, Map<String, ByteBuffer> serviceResponse) {
            events.onStarted(id);
        }

        @Override
        public void onStartContainerError(ContainerId id, Throwable t) {
            events.onStartFailed(id, t);
        }

        @Override
        public void onContainerStatusReceived(ContainerId id, ContainerStatus status) {
            // The AM learns of ended containers from the ResourceManager, not by polling NodeManagers.
        }

        @Override
        public void onContainerStopped(ContainerId id) {
            // Executors exit by themselves when the driver tells them; the AM never stops one.
        }

        @Override
        public void onContainerResourceIncreased(ContainerId id, Resource resource) {
            // Spindle never resizes a container.
        }

        @Override
        public void onContainerResourceUpdated(ContainerId id, Resource resource) {
            // Spindle never resizes a container.
        }

        @Override
        public void onGetContainerStatusError(ContainerId id, Throwable t) {
            LOG.warn("Could not get the status of container {}: {}", id, t.toString());
        }

        @Override
        public void onIncreaseContainerResourceError(ContainerId id, Throwable t) {
            LOG.warn("Could not resize container {}: {}", id, t.toString());
        }

        @Override
        public void onUpdateContainerResourceError(ContainerId id, Throwable t) {
            LOG.warn("Could not update container {}: {}", id, t.toString());
        }

        @Override
        public void onStopContainerError(ContainerId id, Throwable t) {
            LOG.warn("Could not stop container {}: {}", id, t.toString());
        }
    }
}
