package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerState;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerAllocatorTest {
    private static final ApplicationAttemptId ATTEMPT =
            ApplicationAttemptId.newInstance(ApplicationId.newInstance(1, 1), 1);

    /** Records what the allocator asks of the ResourceManager; handles are ask numbers. */
    private static final class FakeRequester implements ContainerRequester {
        int asks;
        int withdrawn;
        final java.util.Map<Integer, AskLocation> active = new java.util.LinkedHashMap<>();
        final List<ContainerId> released = new ArrayList<>();

        @Override
        public Object addRequest(AskLocation where) {
            asks++;
            active.put(asks, where);
            return asks;
        }

        @Override
        public void removeRequest(Object request) {
            assertTrue(active.containsKey((Integer) request), "withdrawing an ask that is not outstanding");
            active.remove((Integer) request);
            withdrawn++;
        }

        /** Outstanding asks as host names, "rack R", or null for anywhere. */
        List<String> activeHosts() {
            List<String> out = new ArrayList<>();
            for (AskLocation where : active.values()) {
                out.add(switch (where.level()) {
                    case HOST -> where.name();
                    case RACK -> "rack " + where.name();
                    case ANY -> null;
                });
            }
            return out;
        }

        @Override
        public void release(ContainerId containerId) {
            released.add(containerId);
        }

        int outstanding() {
            return asks - withdrawn;
        }
    }

    private int nextContainer = 2;

    private List<Container> containers(int n) {
        return containersOn("host", n);
    }

    private List<Container> containersOn(String host, int n) {
        List<Container> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ContainerId id = ContainerId.newContainerId(ATTEMPT, nextContainer++);
            out.add(Container.newInstance(id, NodeId.newInstance(host, 1), host + ":2", Resource.newInstance(1408, 1),
                    Priority.newInstance(1), null));
        }
        return out;
    }

    @Test
    void asksGoWhereThePendingWorkIsAndMatchedAsksAreWithdrawn() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 3);
        a.setHostDemand(java.util.Map.of("h1", 6, "h2", 2));
        a.setTarget(4);
        List<String> hosts = rm.activeHosts();
        hosts.sort(java.util.Comparator.nullsLast(String::compareTo));
        assertEquals(List.of("h1", "h1", "h1", "h2"), hosts);

        a.onAllocated(containersOn("h2", 1));
        hosts = rm.activeHosts();
        assertEquals(List.of("h1", "h1", "h1"), hosts, "the h2 ask is the one withdrawn");
        a.onAllocated(containersOn("h9", 1));
        assertEquals(2, rm.active.size(), "a container elsewhere (relaxed locality) takes some other ask");
    }

    @Test
    void askForAHostThatStaysUnmetBecomesAnAskForAnywhere() {
        FakeRequester rm = new FakeRequester();
        long[] now = {10_000};
        ContainerAllocator a = new ContainerAllocator(rm, 3, 3000, () -> now[0], host -> null);
        a.setHostDemand(java.util.Map.of("h1", 4));
        a.setTarget(1);
        assertEquals(List.of("h1"), rm.activeHosts());
        now[0] += 2999;
        assertEquals(0, a.relaxStaleAsks());
        now[0] += 1;
        assertEquals(1, a.relaxStaleAsks());
        assertEquals(java.util.Arrays.asList((String) null), rm.activeHosts(), "relaxed locality as the fallback");
        assertEquals(1, a.outstanding());
        a.onAllocated(containersOn("h7", 1));
        assertEquals(0, rm.active.size());
    }

    @Test
    void unmetHostAskWidensToItsRackThenToAnywhere() {
        FakeRequester rm = new FakeRequester();
        long[] now = {0};
        java.util.Map<String, String> racks = java.util.Map.of("h1", "/r1", "h2", "/r1", "h3", "/r2");
        ContainerAllocator a = new ContainerAllocator(rm, 3, 3000, () -> now[0], racks::get);
        a.setHostDemand(java.util.Map.of("h1", 4, "h3", 4));
        a.setTarget(2);
        now[0] += 3000;
        assertEquals(2, a.relaxStaleAsks());
        assertEquals(List.of("rack /r1", "rack /r2"), rm.activeHosts(), "host asks become asks for their racks");
        now[0] += 2999;
        assertEquals(0, a.relaxStaleAsks(), "the rack level gets a wait of its own");
        // A container on h2 meets the ask for h2's rack, not the other one.
        a.onAllocated(containersOn("h2", 1));
        assertEquals(List.of("rack /r2"), rm.activeHosts());
        now[0] += 1;
        assertEquals(1, a.relaxStaleAsks());
        assertEquals(java.util.Arrays.asList((String) null), rm.activeHosts(), "then anywhere");
        assertEquals(List.of(AskLocation.ANYWHERE), a.outstandingLocations());
        assertEquals(0, a.relaxStaleAsks(), "anywhere is the widest level");
    }

    @Test
    void containerIsMatchedToTheNearestAsk() {
        FakeRequester rm = new FakeRequester();
        long[] now = {0};
        java.util.Map<String, String> racks = java.util.Map.of("h1", "/r1", "h2", "/r1", "h3", "/r2");
        ContainerAllocator a = new ContainerAllocator(rm, 3, 1000, () -> now[0], racks::get);
        a.setHostDemand(java.util.Map.of("h3", 1));
        a.setTarget(1);
        a.setHostDemand(java.util.Map.of("h1", 1, "h3", 2));
        a.setTarget(3);
        assertEquals(List.of("h3", "h1", "h3"), rm.activeHosts(), "placed by weight");
        now[0] += 1000;
        a.relaxStaleAsks();
        a.onAllocated(containersOn("h3", 1));
        assertEquals(List.of("rack /r1", "rack /r2"), rm.activeHosts());
        a.onAllocated(containersOn("h1", 1));
        assertEquals(List.of("rack /r2"), rm.activeHosts());
    }

    @Test
    void whenThePendingWorkMovesOutstandingAsksMoveWithIt() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 3);
        a.setTarget(2);
        assertEquals(java.util.Arrays.asList(null, null), rm.activeHosts(), "no demand yet: anywhere");
        a.setHostDemand(java.util.Map.of("h3", 4));
        assertEquals(List.of("h3", "h3"), rm.activeHosts(), "stale asks cancelled, new ones placed");
        assertEquals(2, rm.withdrawn);
        a.setHostDemand(java.util.Map.of("h3", 4));
        assertEquals(2, rm.withdrawn, "the same demand changes nothing");
    }

    private static ContainerStatus exited(ContainerId id, int status) {
        return ContainerStatus.newInstance(id, ContainerState.COMPLETE, "exit " + status, status);
    }

    @Test
    void asksForTheTargetAndWithdrawsOneAskPerAcceptedContainer() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 3);
        a.setTarget(2);
        assertEquals(2, rm.asks);

        List<ContainerAllocator.Launch> launches = a.onAllocated(containers(1));
        assertEquals(1, launches.size());
        assertEquals("1", launches.get(0).executorId());
        assertEquals(1, rm.outstanding(), "the matched ask is withdrawn at once");
        assertEquals(1, a.outstanding());
    }

    @Test
    void surplusContainersAreReleased() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 3);
        a.setTarget(2);
        List<Container> three = containers(3);
        List<ContainerAllocator.Launch> launches = a.onAllocated(three);
        assertEquals(2, launches.size());
        assertEquals(List.of(three.get(2).getId()), rm.released);
        assertEquals(0, rm.outstanding());
        assertEquals(List.of("1", "2"), launches.stream().map(ContainerAllocator.Launch::executorId).toList());
    }

    @Test
    void aFailedExecutorIsReplacedAndCountedUntilTheLimit() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 1);
        a.setTarget(1);
        Container c = a.onAllocated(containers(1)).get(0).container();
        a.onStarted(c.getId());
        assertEquals(1, a.running());

        List<ContainerAllocator.Ended> ended = a.onCompleted(List.of(exited(c.getId(), 1)));
        assertEquals(1, ended.size());
        assertTrue(ended.get(0).failed());
        assertEquals(1, rm.outstanding(), "a replacement is asked for");
        assertFalse(a.tooManyFailures());

        Container c2 = a.onAllocated(containers(1)).get(0).container();
        assertEquals(1, a.onStartFailed(c2.getId(), "no such file").stream().count());
        assertTrue(a.tooManyFailures(), "two failures, one allowed");
    }

    @Test
    void executorsThatExitCleanlyOrAreReleasedAreNotFailures() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 0);
        a.setTarget(2);
        List<ContainerAllocator.Launch> l = a.onAllocated(containers(2));
        l.forEach(x -> a.onStarted(x.container().getId()));
        a.setTarget(0);
        List<ContainerAllocator.Ended> ended = a.onCompleted(List.of(
                exited(l.get(0).container().getId(), ContainerExitStatus.SUCCESS),
                exited(l.get(1).container().getId(), ContainerExitStatus.KILLED_BY_APPMASTER)));
        assertEquals(2, ended.size());
        assertTrue(ended.stream().noneMatch(ContainerAllocator.Ended::failed));
        assertFalse(a.tooManyFailures());
        assertEquals(0, rm.outstanding(), "nothing is asked for once the target is 0");
    }

    @Test
    void loweringTheTargetWithdrawsOutstandingAsks() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 3);
        a.setTarget(5);
        a.setTarget(2);
        assertEquals(2, rm.outstanding());
        a.onAllocated(containers(1));
        a.setTarget(1);
        assertEquals(0, rm.outstanding());
    }

    @Test
    void completionsOfUnknownContainersAreIgnored() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 3);
        a.setTarget(1);
        assertTrue(a.onCompleted(List.of(exited(ContainerId.newContainerId(ATTEMPT, 99), 1))).isEmpty());
        assertEquals(0, a.failures());
    }
}
