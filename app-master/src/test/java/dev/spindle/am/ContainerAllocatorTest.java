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

        final java.util.Set<String> blacklist = new java.util.TreeSet<>();
        int nodes;

        @Override
        public void exclude(java.util.Set<String> add, java.util.Set<String> remove) {
            assertTrue(java.util.Collections.disjoint(blacklist, add), "excluding " + add + " twice");
            assertTrue(blacklist.containsAll(remove), "removing " + remove + " that was never excluded");
            blacklist.addAll(add);
            blacklist.removeAll(remove);
        }

        @Override
        public int clusterNodes() {
            return nodes;
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
        ContainerAllocator a = new ContainerAllocator(rm, 3, 3000, () -> now[0], host -> null, new ExecutorFailures(0, 0, () -> now[0]), ClusterNodes.unknown());
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
        ContainerAllocator a = new ContainerAllocator(rm, 3, 3000, () -> now[0], racks::get, new ExecutorFailures(0, 0, () -> now[0]), ClusterNodes.unknown());
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
        ContainerAllocator a = new ContainerAllocator(rm, 3, 1000, () -> now[0], racks::get, new ExecutorFailures(0, 0, () -> now[0]), ClusterNodes.unknown());
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

    /** Starts one executor on {@code host} and ends its container with {@code status}. */
    private ContainerAllocator.Ended runAndEnd(ContainerAllocator a, String host, int status) {
        Container c = a.onAllocated(containersOn(host, 1)).get(0).container();
        a.onStarted(c.getId());
        List<ContainerAllocator.Ended> ended = a.onCompleted(List.of(exited(c.getId(), status)));
        assertEquals(1, ended.size());
        return ended.get(0);
    }

    @Test
    void containersTheClusterTookAwayAreReplacedButNeverCounted() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 0);
        a.setTarget(1);
        for (int status : new int[]{ContainerExitStatus.PREEMPTED, ContainerExitStatus.KILLED_BY_RESOURCEMANAGER,
                ContainerExitStatus.ABORTED, ContainerExitStatus.DISKS_FAILED,
                ContainerExitStatus.KILLED_BY_CONTAINER_SCHEDULER}) {
            ContainerAllocator.Ended e = runAndEnd(a, "h1", status);
            assertFalse(e.failed(), "status " + status);
            assertEquals(ContainerTriage.Fault.CLUSTER, e.verdict().fault());
            assertEquals(1, rm.outstanding(), "replaced after status " + status);
        }
        assertEquals(0, a.failures());
        assertFalse(a.tooManyFailures());
    }

    @Test
    void aMemoryKillCountsAndNamesTheLimitAndTheSettingToRaise() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 3);
        a.setTarget(1);
        ContainerAllocator.Ended e = runAndEnd(a, "h1", ContainerExitStatus.KILLED_EXCEEDED_PMEM);
        assertTrue(e.failed());
        assertTrue(e.verdict().description().contains("physical memory than its container's 1408 MiB"),
                e.verdict().description());
        assertTrue(e.verdict().description().contains("spindle.memoryOverheadMin"), e.verdict().description());
        assertTrue(runAndEnd(a, "h1", ContainerExitStatus.KILLED_EXCEEDED_VMEM).verdict().description()
                .contains("yarn.nodemanager.vmem-pmem-ratio"));
        ContainerAllocator.Ended crash = runAndEnd(a, "h1", 137);
        assertTrue(crash.failed());
        assertEquals("failed with exit status 137", crash.verdict().description());
        assertEquals(3, a.failures());
    }

    @Test
    void failuresOlderThanTheValidityWindowNoLongerCount() {
        FakeRequester rm = new FakeRequester();
        long[] now = {0};
        ContainerAllocator a = new ContainerAllocator(rm, 1, 3000, () -> now[0], host -> null,
                new ExecutorFailures(60_000, 0, () -> now[0]), ClusterNodes.unknown());
        a.setTarget(1);
        runAndEnd(a, "h1", 1);
        now[0] = 30_000;
        runAndEnd(a, "h1", 1);
        assertTrue(a.tooManyFailures(), "two failures within a minute, one allowed");
        now[0] = 60_000;
        assertEquals(1, a.failures(), "the first failure is a minute old");
        assertFalse(a.tooManyFailures());
        now[0] = 95_000;
        assertEquals(0, a.failures());
    }

    @Test
    void aHostWithRepeatedFailuresIsExcludedFromAsksUntilItsFailuresExpire() {
        FakeRequester rm = new FakeRequester();
        rm.nodes = 3;
        long[] now = {0};
        ContainerAllocator a = new ContainerAllocator(rm, 10, 3000, () -> now[0], host -> null,
                new ExecutorFailures(60_000, 2, () -> now[0]), ClusterNodes.unknown());
        a.setHostDemand(java.util.Map.of("bad", 4, "good", 1));
        a.setTarget(1);
        assertEquals(List.of("bad"), rm.activeHosts());
        runAndEnd(a, "bad", 1);
        assertEquals(java.util.Set.of(), rm.blacklist, "one failure is not yet a pattern");
        runAndEnd(a, "bad", 1);
        assertEquals(java.util.Set.of("bad"), rm.blacklist);
        assertEquals(java.util.Set.of("bad"), a.excludedHosts());
        assertEquals(List.of("good"), rm.activeHosts(), "the replacement is asked for away from the bad host");

        now[0] = 61_000;
        a.relaxStaleAsks();
        assertEquals(java.util.Set.of(), rm.blacklist, "its failures expired: the host is back");
    }

    @Test
    void neverMoreThanAThirdOfTheNodesAreExcluded() {
        FakeRequester rm = new FakeRequester();
        rm.nodes = 5;
        ContainerAllocator a = new ContainerAllocator(rm, 10, 3000, () -> 0L, host -> null,
                new ExecutorFailures(0, 1, () -> 0L), ClusterNodes.unknown());
        a.setTarget(1);
        runAndEnd(a, "h1", 1);
        runAndEnd(a, "h2", 1);
        runAndEnd(a, "h2", 1);
        assertEquals(java.util.Set.of("h2"), rm.blacklist, "5 nodes: one may be excluded, the worst");
        rm.nodes = 2;
        runAndEnd(a, "h3", 1);
        assertEquals(java.util.Set.of(), rm.blacklist, "on 2 nodes no host is excluded");
    }

    /** Nodes that run a NodeManager, by name, with no name service. */
    private static ClusterNodes nodes(String... hosts) {
        return ClusterNodes.of(String.join(",", hosts), dev.spindle.placement.HostMatcher.Resolver.NONE);
    }

    @Test
    void blockHostsWithoutANodeManagerAreAskedAtTheirRackOrAnywhereAtOnce() {
        FakeRequester rm = new FakeRequester();
        long[] now = {0};
        java.util.Map<String, String> racks = java.util.Map.of("h1.example.com", "/r1", "h2.example.com", "/r2",
                "dn9", "/r1");
        ContainerAllocator a = new ContainerAllocator(rm, 3, 3000, () -> now[0], racks::get,
                new ExecutorFailures(0, 0, () -> now[0]), nodes("h1.example.com", "h2.example.com"));
        // HDFS names h1 by its short name; dn9 is in /r1 but runs no NodeManager; dn8 has no known rack.
        a.setHostDemand(java.util.Map.of("h1", 2, "dn9", 2, "dn8", 2));
        a.setTarget(3);
        List<String> asks = rm.activeHosts();
        asks.sort(java.util.Comparator.nullsLast(String::compareTo));
        assertEquals(java.util.Arrays.asList("h1.example.com", "rack /r1", null), asks,
                "a strict ask only for the host that runs a NodeManager, under YARN's name for it");
        assertEquals(4, a.demandWithoutNodeManager());
        assertEquals(0, a.relaxStaleAsks(), "nothing waits for a host YARN does not know");
    }

    @Test
    void everyAskGoesAnywhereWhenNoBlockHostRunsANodeManager() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 3, 3000, () -> 0, host -> null,
                new ExecutorFailures(0, 0, () -> 0), nodes("nm1", "nm2"));
        a.setHostDemand(java.util.Map.of("dn1", 5, "dn2", 5));
        a.setTarget(2);
        assertEquals(java.util.Arrays.asList(null, null), rm.activeHosts());
    }

    @Test
    void nodeReportsArrivingLateOrChangingPlaceTheAsksAgain() {
        FakeRequester rm = new FakeRequester();
        long[] now = {0};
        ContainerAllocator a = new ContainerAllocator(rm, 3, 3000, () -> now[0], host -> null,
                new ExecutorFailures(0, 0, () -> now[0]), nodes("h1"));
        a.setHostDemand(java.util.Map.of("h1", 2, "h2", 2));
        a.setTarget(2);
        assertEquals(java.util.Arrays.asList("h1", null), rm.activeHosts());

        assertFalse(a.onNodesChanged(List.of(new ClusterNodes.Change("h1", true))), "nothing new");
        assertTrue(a.onNodesChanged(List.of(new ClusterNodes.Change("h2.example.com", true))), "a node joined");
        List<String> asks = rm.activeHosts();
        asks.sort(String::compareTo);
        assertEquals(List.of("h1", "h2.example.com"), asks, "h2 is asked for by the name its NodeManager has");

        assertTrue(a.onNodesChanged(List.of(new ClusterNodes.Change("h1", false))), "h1 was lost");
        assertEquals(java.util.Arrays.asList("h2.example.com", null), rm.activeHosts());
        assertEquals(2, a.demandWithoutNodeManager());
        assertEquals(2, a.outstanding(), "still the target, nothing asked twice");
    }

    @Test
    void aContainerFromAHostNotInTheListAddsIt() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 3, 3000, () -> 0, host -> null,
                new ExecutorFailures(0, 0, () -> 0), nodes("h1"));
        a.setHostDemand(java.util.Map.of("h3", 4));
        a.setTarget(2);
        assertEquals(java.util.Arrays.asList(null, null), rm.activeHosts());
        a.onAllocated(containersOn("h3", 1));
        a.setHostDemand(java.util.Map.of("h3", 3));
        a.setTarget(3);
        List<String> asks = rm.activeHosts();
        assertTrue(asks.contains("h3"), "h3 runs a NodeManager after all: " + asks);
    }

    @Test
    void withoutAListEveryHostIsTakenAsKnown() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 3, 3000, () -> 0, host -> null,
                new ExecutorFailures(0, 0, () -> 0), ClusterNodes.unknown());
        a.setHostDemand(java.util.Map.of("dn1", 1));
        a.setTarget(1);
        assertEquals(List.of("dn1"), rm.activeHosts());
        assertFalse(a.onNodesChanged(List.of(new ClusterNodes.Change("dn2", true))));
    }

    @Test
    void aNodeManagerRestartedOnANewPortKeepsItsHost() {
        FakeRequester rm = new FakeRequester();
        ContainerAllocator a = new ContainerAllocator(rm, 3, 3000, () -> 0, host -> null,
                new ExecutorFailures(0, 0, () -> 0), nodes("h1:8041", "h2:8041"));
        a.setHostDemand(java.util.Map.of("h1", 2));
        a.setTarget(1);
        assertEquals(List.of("h1"), rm.activeHosts());
        // The new NodeManager's report can come before the old one's end.
        a.onNodesChanged(List.of(new ClusterNodes.Change("h1:9999", true), new ClusterNodes.Change("h1:8041", false)));
        assertEquals(List.of("h1"), rm.activeHosts(), "h1 still runs a NodeManager");
        assertTrue(a.onNodesChanged(List.of(new ClusterNodes.Change("h1:9999", false))));
        assertEquals(java.util.Arrays.asList((String) null), rm.activeHosts(), "now it runs none");
    }

    @Test
    void asksPlacedAgainWhereTheyWereKeepTheirAgeAndWidening() {
        FakeRequester rm = new FakeRequester();
        long[] now = {0};
        java.util.Map<String, String> racks = java.util.Map.of("h1", "/r1", "h2", "/r1", "h3", "/r2");
        ContainerAllocator a = new ContainerAllocator(rm, 3, 3000, () -> now[0], racks::get,
                new ExecutorFailures(0, 0, () -> now[0]), nodes("h1:1", "h2:1"));
        a.setHostDemand(java.util.Map.of("h1", 4));
        a.setTarget(1);
        now[0] += 3000;
        assertEquals(1, a.relaxStaleAsks());
        assertEquals(List.of("rack /r1"), rm.activeHosts());
        int asked = rm.asks;
        // A node joins elsewhere: the placement is the same, so the widened ask stays, untouched.
        assertTrue(a.onNodesChanged(List.of(new ClusterNodes.Change("h3:1", true))));
        assertEquals(List.of("rack /r1"), rm.activeHosts());
        assertEquals(asked, rm.asks, "nothing withdrawn and asked again");
        now[0] += 2999;
        assertEquals(0, a.relaxStaleAsks(), "its rack wait was not restarted");
        now[0] += 1;
        assertEquals(1, a.relaxStaleAsks(), "and ends on time");
        // The demand moves: the ask goes where the work is now.
        a.setHostDemand(java.util.Map.of("h2", 4));
        assertEquals(List.of("h2"), rm.activeHosts());
    }
}
