package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the number of executor containers at the target: asks for what is missing, near the hosts
 * the driver's pending work prefers ({@link LocalityPlacement}): strictly on a host only when a usable
 * NodeManager runs there ({@link ClusterNodes}, which also matches short and full host names), at once
 * on the rack of a host that runs none (or anywhere, when it has no known rack), and again when nodes
 * come or go; widens an ask that stays unmet for
 * the locality wait from its host to the host's rack, and after another wait to anywhere; withdraws
 * one ask per container it accepts, the one nearest that container first (YARN otherwise hands out
 * the same ask twice);
 * withdraws and re-places outstanding asks when the pending work moves; gives back surplus
 * containers; triages ended containers ({@link ContainerTriage}), counts the application's failures
 * within their validity window against a limit ({@link ExecutorFailures}), and keeps hosts with
 * repeated failures out of its asks (YARN's blacklist, never more than a third of the nodes).
 *
 * <p>Not thread-safe: owned by the ApplicationMaster's event thread.
 */
public final class ContainerAllocator {
    /** An accepted container and the executor id it will run. */
    public record Launch(Container container, String executorId) {
    }

    /** An executor's container on {@code host} ended; the verdict says whether it counts as a failure. */
    public record Ended(String executorId, ContainerId containerId, String host, int exitStatus, String diagnostics,
                        ContainerTriage.Verdict verdict) {
        public boolean failed() {
            return verdict.counts();
        }
    }

    private final ContainerRequester requester;
    private final int maxFailures;
    private final long localityWait;
    private final java.util.function.LongSupplier clock;
    private final java.util.function.UnaryOperator<String> rackOf;
    private final ClusterNodes nodes;
    /** Pending tasks of the last placement whose hosts run no NodeManager, for the log. */
    private int demandWithoutNodeManager;
    /** Of those, the ones whose hosts have no known rack either: their asks go anywhere. */
    private int unplaceableDemand;
    private final Map<ContainerId, String> starting = new HashMap<>();
    private final Map<ContainerId, String> running = new HashMap<>();
    private final Map<ContainerId, Container> containerOf = new HashMap<>();
    /** Executors running or starting, counted on their host and on its rack; kept as containers come and go. */
    private final Map<AskLocation, Integer> existing = new HashMap<>();
    /** The demand by place, computed again only when the demand, the nodes or the exclusions change. */
    private Map<AskLocation, Integer> wanted;
    private final ExecutorFailures failures;
    private java.util.Set<String> excluded = java.util.Set.of();
    private final OutstandingAsks outstanding = new OutstandingAsks();
    private Map<String, Integer> demand = Map.of();
    private int target;
    private int nextExecutorId = 1;
    private java.util.function.IntFunction<String> executorIds = Integer::toString;

    public ContainerAllocator(ContainerRequester requester, int maxFailures) {
        this(requester, maxFailures, Long.MAX_VALUE, System::currentTimeMillis, host -> null,
                new ExecutorFailures(0, 0, System::currentTimeMillis), ClusterNodes.unknown());
    }

    /**
     * @param localityWait how long an ask may stay unmet at one level before it is widened to the next
     * @param rackOf       the rack of a host, or null when the topology puts it in no real rack (then
     *                     an unmet host ask goes straight to anywhere)
     * @param failures     the record of the application's executor failures, on the same clock
     * @param nodes        the hosts YARN can place containers on
     */
    ContainerAllocator(ContainerRequester requester, int maxFailures, long localityWait,
                       java.util.function.LongSupplier clock, java.util.function.UnaryOperator<String> rackOf,
                       ExecutorFailures failures, ClusterNodes nodes) {
        this.nodes = nodes;
        this.requester = requester;
        this.failures = failures;
        this.maxFailures = maxFailures;
        this.localityWait = localityWait;
        this.clock = clock;
        this.rackOf = rackOf;
    }

    /**
     * Widens the asks that have waited longer than the locality wait by one level: a host ask to the
     * host's rack (or anywhere, when the host has no known rack), a rack ask to anywhere. Returns how
     * many asks were widened. Called periodically.
     */
    public int relaxStaleAsks() {
        refreshExclusions();
        long now = clock.getAsLong();
        int relaxed = 0;
        for (OutstandingAsks.Ask a : outstanding.inOrder()) {
            if (a.where().level() != AskLocation.Level.ANY && now - a.since() >= localityWait) {
                String rack = a.where().level() == AskLocation.Level.HOST ? rackOf.apply(a.where().name()) : null;
                AskLocation wider = rack == null ? AskLocation.ANYWHERE : AskLocation.rack(rack);
                requester.removeRequest(a.handle());
                outstanding.replace(a, requester.addRequest(wider), wider, now);
                relaxed++;
            }
        }
        return relaxed;
    }

    /** Sets how many executors the application wants and asks for, or withdraws, the difference. */
    public void setTarget(int executors) {
        if (executors < 0) {
            throw new IllegalArgumentException("target must not be negative, was " + executors);
        }
        target = executors;
        reconcile();
    }

    /** How the {@code n}-th executor launched is named (default: {@code n}). */
    public void nameExecutors(java.util.function.IntFunction<String> names) {
        executorIds = names;
    }

    /**
     * The driver's pending tasks per preferred host changed: outstanding asks are withdrawn and placed
     * again for the new work.
     */
    public void setHostDemand(Map<String, Integer> pendingByHost) {
        if (pendingByHost.equals(demand)) {
            return;
        }
        demand = Map.copyOf(pendingByHost);
        wanted = null;
        placeAgain();
    }

    /**
     * Node reports arrived: when the hosts YARN can use changed, outstanding asks are placed again, so
     * none waits for a host that is gone and a host that came can be asked for.
     */
    public boolean onNodesChanged(List<ClusterNodes.Change> changes) {
        if (!nodes.apply(changes)) {
            return false;
        }
        wanted = null;
        placeAgain();
        return true;
    }

    /** Pending tasks whose preferred hosts run no NodeManager YARN can use, at the last placement. */
    public int demandWithoutNodeManager() {
        return demandWithoutNodeManager;
    }

    /**
     * Places the outstanding asks again for what changed (demand, nodes, exclusions). An ask the new
     * placement puts where it was first placed stays as it is, with its age and any widening: node
     * reports arrive all the time on a big cluster, and re-asking would restart every locality wait.
     */
    private void placeAgain() {
        Map<AskLocation, java.util.ArrayDeque<OutstandingAsks.Ask>> byOrigin = new HashMap<>();
        for (OutstandingAsks.Ask a : outstanding.clear()) {
            byOrigin.computeIfAbsent(a.origin(), o -> new java.util.ArrayDeque<>()).add(a);
        }
        reconcile(byOrigin);
        for (java.util.ArrayDeque<OutstandingAsks.Ask> left : byOrigin.values()) {
            for (OutstandingAsks.Ask a : left) {
                requester.removeRequest(a.handle());
            }
        }
    }

    public List<Launch> onAllocated(List<Container> containers) {
        List<Launch> launches = new ArrayList<>();
        for (Container c : containers) {
            String host = c.getNodeId().getHost();
            if (nodes.sawContainerOn(c.getNodeId().toString())) {
                wanted = null;
            }
            if (starting.size() + running.size() < target) {
                OutstandingAsks.Ask matched = nearestAsk(host);
                if (matched != null) {
                    outstanding.remove(matched);
                    requester.removeRequest(matched.handle());
                }
                String id = executorIds.apply(nextExecutorId++);
                starting.put(c.getId(), id);
                containerOf.put(c.getId(), c);
                countAt(host, 1);
                launches.add(new Launch(c, id));
            } else {
                requester.release(c.getId());
            }
        }
        return launches;
    }

    /**
     * The ask a container on {@code host} most likely met: one for that host, else one for its rack,
     * else one for anywhere, else the last placed.
     */
    private OutstandingAsks.Ask nearestAsk(String host) {
        OutstandingAsks.Ask a = outstanding.firstAt(AskLocation.host(host));
        String rack = rackOf.apply(host);
        if (a == null && rack != null) {
            a = outstanding.firstAt(AskLocation.rack(rack));
        }
        if (a == null) {
            a = outstanding.firstAt(AskLocation.ANYWHERE);
        }
        return a != null ? a : outstanding.last();
    }

    public void onStarted(ContainerId id) {
        String exec = starting.remove(id);
        if (exec != null) {
            running.put(id, exec);
        }
    }

    /** The NodeManager could not start the container: a failed executor. */
    public Optional<Ended> onStartFailed(ContainerId id, String reason) {
        String exec = starting.remove(id);
        if (exec == null) {
            return Optional.empty();
        }
        Container c = forget(id);
        String host = c == null ? null : c.getNodeId().getHost();
        failures.record(host);
        refreshExclusions();
        reconcile();
        return Optional.of(new Ended(exec, id, host, ContainerExitStatus.INVALID, reason,
                new ContainerTriage.Verdict(ContainerTriage.Fault.APPLICATION, "could not be started")));
    }

    public List<Ended> onCompleted(List<ContainerStatus> statuses) {
        List<Ended> out = new ArrayList<>();
        for (ContainerStatus st : statuses) {
            String exec = running.remove(st.getContainerId());
            if (exec == null) {
                exec = starting.remove(st.getContainerId());
            }
            Container c = forget(st.getContainerId());
            if (exec == null) {
                continue;
            }
            String host = c == null ? null : c.getNodeId().getHost();
            long mb = c == null ? 0 : c.getResource().getMemorySize();
            ContainerTriage.Verdict verdict = ContainerTriage.of(st.getExitStatus(), mb);
            if (verdict.counts()) {
                failures.record(host);
            }
            out.add(new Ended(exec, st.getContainerId(), host, st.getExitStatus(),
                    st.getDiagnostics() == null ? "" : st.getDiagnostics(), verdict));
        }
        if (!out.isEmpty()) {
            refreshExclusions();
            reconcile();
        }
        return out;
    }

    public boolean tooManyFailures() {
        return failures.count() > maxFailures;
    }

    /** The application's executor failures within the validity window. */
    public int failures() {
        return failures.count();
    }

    /** The hosts kept out of asks now, for logs and tests. */
    public java.util.Set<String> excludedHosts() {
        return excluded;
    }

    /**
     * Brings YARN's blacklist in line with the hosts that failed too often recently; when it changes,
     * outstanding asks are placed again without the excluded hosts.
     */
    private void refreshExclusions() {
        java.util.Set<String> now = failures.excludedHosts(requester.clusterNodes());
        if (now.equals(excluded)) {
            return;
        }
        java.util.Set<String> add = new java.util.TreeSet<>(now);
        add.removeAll(excluded);
        java.util.Set<String> remove = new java.util.TreeSet<>(excluded);
        remove.removeAll(now);
        excluded = java.util.Set.copyOf(now);
        wanted = null;
        requester.exclude(add, remove);
        placeAgain();
    }

    public int outstanding() {
        return outstanding.size();
    }

    /** Where the outstanding asks may be met, for logs and tests. */
    public List<AskLocation> outstandingLocations() {
        return outstanding.inOrder().stream().map(OutstandingAsks.Ask::where).toList();
    }

    public int starting() {
        return starting.size();
    }

    public int running() {
        return running.size();
    }

    private void reconcile() {
        reconcile(Map.of());
    }

    /** @param reusable asks just taken out, by where they were first placed: kept where placed again */
    private void reconcile(Map<AskLocation, java.util.ArrayDeque<OutstandingAsks.Ask>> reusable) {
        int missing = target - starting.size() - running.size() - outstanding.size();
        if (missing > 0) {
            long now = clock.getAsLong();
            if (wanted == null) {
                wanted = wantedPlaces();
            }
            for (AskLocation where : LocalityPlacement.place(missing, wanted, unplaceableDemand, existing,
                    containerOf.size())) {
                AskLocation at = where == null ? AskLocation.ANYWHERE : where;
                java.util.ArrayDeque<OutstandingAsks.Ask> same = reusable.get(at);
                if (same != null && !same.isEmpty()) {
                    outstanding.restore(same.poll());
                } else {
                    outstanding.add(requester.addRequest(at), at, now);
                }
            }
        }
        // Too many asks: withdraw the last placed first.
        for (int i = 0; i < -missing && !outstanding.isEmpty(); i++) {
            OutstandingAsks.Ask a = outstanding.last();
            outstanding.remove(a);
            requester.removeRequest(a.handle());
        }
    }

    /**
     * The demand by where it can be met: a host's own NodeManager (under the name YARN knows it by),
     * else the host's rack; tasks on hosts in neither add to no place, so their asks go anywhere.
     * Excluded hosts get no asks.
     */
    private Map<AskLocation, Integer> wantedPlaces() {
        Map<AskLocation, Integer> wanted = new HashMap<>();
        int withoutNodeManager = 0;
        int unplaceable = 0;
        for (Map.Entry<String, Integer> e : demand.entrySet()) {
            String nm = nodes.nodeManagerOf(e.getKey());
            if (nm != null) {
                if (!excluded.contains(nm)) {
                    wanted.merge(AskLocation.host(nm), e.getValue(), Integer::sum);
                }
                continue;
            }
            withoutNodeManager += e.getValue();
            String rack = rackOf.apply(e.getKey());
            if (rack != null) {
                wanted.merge(AskLocation.rack(rack), e.getValue(), Integer::sum);
            } else {
                unplaceable += e.getValue();
            }
        }
        demandWithoutNodeManager = withoutNodeManager;
        unplaceableDemand = unplaceable;
        return wanted;
    }

    private Container forget(ContainerId id) {
        Container c = containerOf.remove(id);
        if (c != null) {
            countAt(c.getNodeId().getHost(), -1);
        }
        return c;
    }

    /** One executor more (or fewer) on {@code host} and its rack. */
    private void countAt(String host, int delta) {
        existing.merge(AskLocation.host(host), delta, (a, b) -> a + b == 0 ? null : a + b);
        String rack = rackOf.apply(host);
        if (rack != null) {
            existing.merge(AskLocation.rack(rack), delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }
}
