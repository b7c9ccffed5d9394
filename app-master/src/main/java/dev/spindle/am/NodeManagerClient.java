package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;

/**
 * The part of the NodeManagers the ApplicationMaster uses: start a process in an allocated container.
 * Narrow so that a hand-written fake stands in for NMClientAsync in unit tests.
 */
interface NodeManagerClient {
    /** What the NodeManagers answer, on the client's callback threads. */
    interface Events {
        void onStarted(ContainerId id);

        void onStartFailed(ContainerId id, Throwable error);
    }

    void start(Events events);

    /** Starts {@code context} in {@code container}, asynchronously. */
    void startContainer(Container container, ContainerLaunchContext context);

    void stop();
}
