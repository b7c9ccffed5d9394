package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.Resource;

import java.util.List;

/**
 * The part of the ResourceManager the ApplicationMaster talks to: register, ask and give back
 * containers, heartbeat, unregister. Narrow so that the AM's lifecycle is unit-tested with a
 * hand-written fake; {@link YarnResourceManagerClient} is the real one over AMRMClientAsync.
 */
interface ResourceManagerClient {
    /** What the ResourceManager reports, on its client's callback thread. */
    interface Events {
        void onAllocated(List<Container> containers);

        void onCompleted(List<ContainerStatus> statuses);

        void onShutdownRequest();

        /** Nodes changed state (lost, unhealthy, decommissioned, back, new), as the allocate responses say. */
        void onNodesUpdated(List<ClusterNodes.Change> changes);

        void onError(Throwable error);

        /** Progress to report with the next heartbeat, 0 to 1. */
        float progress();
    }

    /** Starts the client; from now on its events go to {@code events}. */
    void start(Events events);

    /**
     * Registers this attempt; returns the largest container the cluster grants.
     *
     * @throws Exception when the ResourceManager refuses or cannot be reached
     */
    Resource register(String host) throws Exception;

    /** Asks for and gives back containers of {@code executorSize}. */
    ContainerRequester requester(Resource executorSize);

    /** Gives back a container the AM does not want. */
    void release(org.apache.hadoop.yarn.api.records.ContainerId id);

    void setHeartbeatInterval(long millis);

    /** Unregisters with the final status, diagnostic shown by YARN and spindle-submit. */
    void unregister(FinalApplicationStatus status, String diagnostics) throws Exception;

    void stop();
}
