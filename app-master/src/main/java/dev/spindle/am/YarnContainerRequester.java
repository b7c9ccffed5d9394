package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;

/**
 * {@link ContainerRequester} over the real AMRMClientAsync. Asks for a host or a rack are strict (no
 * relaxed locality: the CapacityScheduler would otherwise relax them after as few missed heartbeats as
 * the cluster has nodes), asks for anywhere are plain; each level has its own priority because YARN
 * does not allow strict and relaxed asks for one location at one priority. The allocator widens an ask
 * that stays unmet on its own clock: relaxed locality as the fallback, level by level. With a node-label
 * expression every ask is for anywhere within the label (YARN refuses labels on host or rack asks), so
 * locality gives way to the label, as in Spark.
 *
 * <p>Not thread-safe: called on the ApplicationMaster's event thread.
 */
final class YarnContainerRequester implements ContainerRequester {
    private final AMRMClientAsync<ContainerRequest> client;
    private final Resource resource;
    private final String labels;
    private final Priority onHost = Priority.newInstance(1);
    private final Priority onRack = Priority.newInstance(2);
    private final Priority anywhere = Priority.newInstance(3);

    /** @param labels node-label expression of the asks, or empty for none */
    YarnContainerRequester(AMRMClientAsync<ContainerRequest> client, Resource resource, String labels) {
        this.client = client;
        this.resource = resource;
        this.labels = labels;
    }

    @Override
    public Object addRequest(AskLocation where) {
        if (!labels.isEmpty()) {
            ContainerRequest labelled = new ContainerRequest(resource, null, null, anywhere, true, labels);
            client.addContainerRequest(labelled);
            return labelled;
        }
        ContainerRequest r = switch (where.level()) {
            case HOST -> new ContainerRequest(resource, new String[]{where.name()}, null, onHost, false);
            case RACK -> new ContainerRequest(resource, null, new String[]{where.name()}, onRack, false);
            case ANY -> new ContainerRequest(resource, null, null, anywhere);
        };
        client.addContainerRequest(r);
        return r;
    }

    @Override
    public void removeRequest(Object request) {
        client.removeContainerRequest((ContainerRequest) request);
    }

    @Override
    public void release(ContainerId containerId) {
        client.releaseAssignedContainer(containerId);
    }

    @Override
    public void exclude(java.util.Set<String> add, java.util.Set<String> remove) {
        client.updateBlacklist(new java.util.ArrayList<>(add), new java.util.ArrayList<>(remove));
    }

    @Override
    public int clusterNodes() {
        return client.getClusterNodeCount();
    }
}
