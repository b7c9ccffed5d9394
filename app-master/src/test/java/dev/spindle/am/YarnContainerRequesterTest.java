package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.ResourceRequest;
import org.apache.hadoop.yarn.client.api.AMRMClient;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The asks the requester builds are accepted together by YARN's own AMRMClient (which enforces that
 * strict and relaxed asks for one location never share a priority), and land at the locations meant.
 * The client is real but never started: asks are only recorded, not sent.
 */
class YarnContainerRequesterTest {
    private final Resource size = Resource.newInstance(1024, 1);
    private AMRMClient<ContainerRequest> client;
    private YarnContainerRequester requester;
    private AMRMClientAsync<ContainerRequest> async;

    @BeforeEach
    void setUp() {
        client = AMRMClient.createAMRMClient();
        client.init(new YarnConfiguration());
        async = AMRMClientAsync.createAMRMClientAsync(client, 1000,
                new AMRMClientAsync.AbstractCallbackHandler() {
                    @Override
                    public void onContainersAllocated(List<org.apache.hadoop.yarn.api.records.Container> c) {
                    }

                    @Override
                    public void onContainersCompleted(List<org.apache.hadoop.yarn.api.records.ContainerStatus> s) {
                    }

                    @Override
                    public void onContainersUpdated(List<org.apache.hadoop.yarn.api.records.UpdatedContainer> c) {
                    }

                    @Override
                    public void onShutdownRequest() {
                    }

                    @Override
                    public void onNodesUpdated(List<org.apache.hadoop.yarn.api.records.NodeReport> r) {
                    }

                    @Override
                    public float getProgress() {
                        return 0;
                    }

                    @Override
                    public void onError(Throwable e) {
                    }
                });
        requester = new YarnContainerRequester(async, size, "");
    }

    @AfterEach
    void tearDown() {
        client.stop();
    }

    private int asksAt(int priority, String location) {
        return client.getMatchingRequests(Priority.newInstance(priority), location, size).stream()
                .mapToInt(java.util.Collection::size).sum();
    }

    @Test
    void hostRackAndAnywhereAsksCoexistAndAreWithdrawn() {
        Object h1 = requester.addRequest(AskLocation.host("h1"));
        Object h2 = requester.addRequest(AskLocation.host("h2"));
        Object rack = requester.addRequest(AskLocation.rack("/rack-1"));
        Object any = requester.addRequest(AskLocation.ANYWHERE);

        assertEquals(1, asksAt(1, "h1"));
        assertEquals(1, asksAt(1, "h2"));
        ContainerRequest hostAsk = (ContainerRequest) h1;
        assertEquals(false, hostAsk.getRelaxLocality());
        assertEquals(1, asksAt(2, "/rack-1"));
        assertEquals(false, ((ContainerRequest) rack).getRelaxLocality(), "a rack ask stays on its rack");
        assertEquals(1, asksAt(3, ResourceRequest.ANY));

        requester.removeRequest(h1);
        requester.removeRequest(rack);
        assertEquals(0, asksAt(1, "h1"));
        assertEquals(0, asksAt(2, "/rack-1"));
        assertEquals(1, asksAt(1, "h2"));
        requester.removeRequest(h2);
        requester.removeRequest(any);
        assertEquals(0, asksAt(3, ResourceRequest.ANY));
    }

    @Test
    void withANodeLabelEveryAskIsForAnywhereWithinTheLabel() {
        YarnContainerRequester labelled = new YarnContainerRequester(async, size, "gpu");
        Object h1 = labelled.addRequest(AskLocation.host("h1"));
        labelled.addRequest(AskLocation.rack("/rack-1"));
        labelled.addRequest(AskLocation.ANYWHERE);

        assertEquals(0, asksAt(1, "h1"), "YARN refuses a label on a host ask");
        assertEquals(0, asksAt(2, "/rack-1"));
        assertEquals(3, asksAt(3, ResourceRequest.ANY));
        assertEquals("gpu", ((ContainerRequest) h1).getNodeLabelExpression());
        labelled.removeRequest(h1);
        assertEquals(2, asksAt(3, ResourceRequest.ANY));
    }
}
