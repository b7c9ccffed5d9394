package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;

/**
 * {@link ContainerRequester} over the real AMRMClientAsync. Asks for a host are strict (no relaxed
 * locality: the CapacityScheduler would otherwise relax them after as few missed heartbeats as the
 * cluster has nodes) and asks for anywhere are separate; they use two priorities because YARN does not
 * allow strict and relaxed asks at one priority. The allocator turns a strict ask that stays unmet
 * into an ask for anywhere: relaxed locality as the fallback, on Spindle's clock.
 */
final class YarnContainerRequester implements ContainerRequester {
    private final AMRMClientAsync<ContainerRequest> client;
    private final Resource resource;
    private final Priority onHost = Priority.newInstance(1);
    private final Priority anywhere = Priority.newInstance(2);

    YarnContainerRequester(AMRMClientAsync<ContainerRequest> client, Resource resource) {
        this.client = client;
        this.resource = resource;
    }

    @Override
    public Object addRequest(String host) {
        ContainerRequest r = host == null
                ? new ContainerRequest(resource, null, null, anywhere)
                : new ContainerRequest(resource, new String[]{host}, null, onHost, false);
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
}
