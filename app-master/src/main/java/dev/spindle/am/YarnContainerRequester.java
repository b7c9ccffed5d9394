package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.ResourceRequest;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;

import java.util.Collection;
import java.util.List;

/** {@link ContainerRequester} over the real AMRMClientAsync: executor-sized asks at one priority. */
final class YarnContainerRequester implements ContainerRequester {
    private final AMRMClientAsync<ContainerRequest> client;
    private final Resource resource;
    private final Priority priority = Priority.newInstance(1);

    YarnContainerRequester(AMRMClientAsync<ContainerRequest> client, Resource resource) {
        this.client = client;
        this.resource = resource;
    }

    @Override
    public void addRequest() {
        client.addContainerRequest(new ContainerRequest(resource, null, null, priority));
    }

    @Override
    public void removeRequest() {
        List<? extends Collection<ContainerRequest>> matching =
                client.getMatchingRequests(priority, ResourceRequest.ANY, resource);
        for (Collection<ContainerRequest> c : matching) {
            for (ContainerRequest r : c) {
                client.removeContainerRequest(r);
                return;
            }
        }
    }

    @Override
    public void release(ContainerId containerId) {
        client.releaseAssignedContainer(containerId);
    }
}
