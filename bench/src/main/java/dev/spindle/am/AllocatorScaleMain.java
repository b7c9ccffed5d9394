package dev.spindle.am;

import dev.spindle.placement.HostMatcher;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ApplicationMaster's allocator at scale, without YARN: the real {@link ContainerAllocator} (with
 * {@link ClusterNodes}, {@link LocalityPlacement}, failures and widening) against a simulated
 * ResourceManager that meets asks a heartbeat at a time, on hosts spread over racks, with some block
 * hosts that run no NodeManager. Each simulated heartbeat hands the allocator what one allocate
 * response would (new containers, their starts, ended containers, a node lost now and then, a new
 * demand when a stage changes) and times only the allocator's work, the AM event thread's share of a
 * heartbeat. The RM's own work (building YARN's records) is outside the timing.
 *
 * <p>Usage: {@code AllocatorScaleMain [--containers 5000] [--hosts 1000] [--beats 400] [--fractions 0.1,0.5,1]}.
 * It lives in the AM's package, as its tests do, to build the allocator the AM builds.
 */
public final class AllocatorScaleMain {
    private static final ApplicationAttemptId ATTEMPT =
            ApplicationAttemptId.newInstance(ApplicationId.newInstance(1, 1), 1);
    private static final Resource SIZE = Resource.newInstance(2048, 2);

    private AllocatorScaleMain() {
    }

    /** The simulated ResourceManager: outstanding asks in order, and the blacklist. */
    private static final class SimulatedRm implements ContainerRequester {
        final Map<Integer, AskLocation> asks = new LinkedHashMap<>();
        final int nodes;
        int next;

        SimulatedRm(int nodes) {
            this.nodes = nodes;
        }

        @Override
        public Object addRequest(AskLocation where) {
            asks.put(++next, where);
            return next;
        }

        @Override
        public void removeRequest(Object request) {
            if (asks.remove((Integer) request) == null) {
                throw new IllegalStateException("withdrawing an ask that is not outstanding");
            }
        }

        @Override
        public void release(ContainerId containerId) {
        }

        @Override
        public void exclude(Set<String> add, Set<String> remove) {
        }

        @Override
        public int clusterNodes() {
            return nodes;
        }
    }

    record Result(int containers, int hosts, int beats, double meanMillis, double p99Millis, double maxMillis,
                  int running) {
    }

    public static void main(String[] args) {
        Map<String, String> opts = new TreeMap<>(Map.of("--containers", "5000", "--hosts", "1000", "--beats", "400",
                "--fractions", "0.1,0.5,1"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!opts.containsKey(args[i])) {
                System.err.println("AllocatorScaleMain: unknown option " + args[i] + "; known: " + opts.keySet());
                System.exit(2);
            }
            opts.put(args[i], args[i + 1]);
        }
        int containers = Integer.parseInt(opts.get("--containers"));
        int hosts = Integer.parseInt(opts.get("--hosts"));
        int beats = Integer.parseInt(opts.get("--beats"));
        run(containers / 10, hosts / 10, beats, "warm-up");
        List<Result> results = new ArrayList<>();
        for (String f : opts.get("--fractions").split(",")) {
            double fraction = Double.parseDouble(f);
            results.add(run((int) Math.round(containers * fraction), (int) Math.round(hosts * fraction), beats,
                    "measured"));
        }
        System.out.println();
        System.out.println("| containers | hosts | heartbeats | mean (ms) | p99 (ms) | max (ms) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %.3f | %.3f | %.3f |%n", r.containers(), r.hosts(),
                    r.beats(), r.meanMillis(), r.p99Millis(), r.maxMillis());
        }
    }

    static Result run(int target, int hostCount, int beats, String what) {
        Random rnd = new Random(14);
        int racks = Math.max(1, hostCount / 50);
        List<String> nmHosts = new ArrayList<>();
        Map<String, String> rackOf = new HashMap<>();
        for (int h = 0; h < hostCount; h++) {
            // NodeManagers know full names; HDFS gives short ones (as on clusters where they differ).
            String full = "node" + h + ".cluster.example.com";
            nmHosts.add(full);
            rackOf.put(full, "/rack-" + (h % racks));
            rackOf.put("node" + h, "/rack-" + (h % racks));
        }
        // A tenth more DataNodes run no NodeManager.
        List<String> blockHosts = new ArrayList<>();
        for (int h = 0; h < hostCount + hostCount / 10; h++) {
            blockHosts.add(h < hostCount ? "node" + h : "dataonly" + h);
            rackOf.putIfAbsent("dataonly" + h, "/rack-" + (h % racks));
        }
        SimulatedRm rm = new SimulatedRm(hostCount);
        long[] now = {0};
        ClusterNodes nodes = ClusterNodes.of(String.join(",", nmHosts.stream().map(h -> h + ":8041").toList()),
                HostMatcher.Resolver.NONE);
        ContainerAllocator allocator = new ContainerAllocator(rm, Integer.MAX_VALUE, 3000, () -> now[0], rackOf::get,
                new ExecutorFailures(60_000, 3, () -> now[0]), nodes);
        allocator.setHostDemand(demand(rnd, blockHosts, target * 4));
        allocator.setTarget(target);

        List<Container> live = new ArrayList<>();
        long[] times = new long[beats];
        int nextContainer = 2;
        int perBeat = Math.max(1, target / 10);
        for (int beat = 0; beat < beats; beat++) {
            now[0] += 1000;
            // The RM's side: meet up to perBeat asks, in order, on their host, rack or any host.
            List<Container> allocated = new ArrayList<>();
            Iterator<AskLocation> asks = rm.asks.values().iterator();
            while (asks.hasNext() && allocated.size() < perBeat) {
                AskLocation where = asks.next();
                String host = switch (where.level()) {
                    case HOST -> where.name();
                    // Host h is in rack h mod racks.
                    case RACK -> nmHosts.get((rackIndex(where.name(), racks)
                            + racks * rnd.nextInt(Math.max(1, hostCount / racks))) % hostCount);
                    case ANY -> nmHosts.get(rnd.nextInt(hostCount));
                };
                ContainerId id = ContainerId.newContainerId(ATTEMPT, nextContainer++);
                allocated.add(Container.newInstance(id, NodeId.newInstance(host, 8041), host + ":8042", SIZE,
                        Priority.newInstance(1), null));
            }
            // Two in a hundred running containers end (preempted: not the application's fault).
            List<ContainerStatus> ended = new ArrayList<>();
            for (int i = 0; i < live.size() / 50; i++) {
                Container c = live.remove(rnd.nextInt(live.size()));
                ended.add(ContainerStatus.newInstance(c.getId(), ContainerState.COMPLETE, "preempted",
                        ContainerExitStatus.PREEMPTED));
            }
            List<ClusterNodes.Change> changes = beat % 25 == 24
                    ? List.of(new ClusterNodes.Change(nmHosts.get(rnd.nextInt(hostCount)) + ":8041", beat % 50 != 49))
                    : List.of();
            Map<String, Integer> newDemand = beat % 10 == 9 ? demand(rnd, blockHosts, target * 4) : null;

            long start = System.nanoTime();
            List<ContainerAllocator.Launch> launches = allocator.onAllocated(allocated);
            for (ContainerAllocator.Launch l : launches) {
                allocator.onStarted(l.container().getId());
            }
            allocator.onCompleted(ended);
            if (!changes.isEmpty()) {
                allocator.onNodesChanged(changes);
            }
            if (newDemand != null) {
                allocator.setHostDemand(newDemand);
            }
            allocator.relaxStaleAsks();
            times[beat] = System.nanoTime() - start;
            launches.forEach(l -> live.add(l.container()));
        }
        // Steady state only: the second half, when the target is reached and containers churn.
        long[] steady = Arrays.copyOfRange(times, beats / 2, beats);
        Arrays.sort(steady);
        double mean = Arrays.stream(steady).average().orElse(0) / 1e6;
        double p99 = steady[(int) Math.min(steady.length - 1, Math.ceil(steady.length * 0.99) - 1)] / 1e6;
        double max = steady[steady.length - 1] / 1e6;
        System.out.printf(Locale.ROOT, "%s: %d containers over %d hosts: heartbeat work mean %.3f ms, p99 %.3f ms, "
                        + "max %.3f ms; %d running, %d asks outstanding%n", what, target, hostCount, mean, p99, max,
                allocator.running(), allocator.outstanding());
        if (allocator.running() + allocator.starting() + allocator.outstanding() < target) {
            throw new IllegalStateException("the allocator lost track of its target");
        }
        return new Result(target, hostCount, beats, mean, p99, max, allocator.running());
    }

    private static int rackIndex(String rack, int racks) {
        return Integer.parseInt(rack.substring(rack.lastIndexOf('-') + 1)) % racks;
    }

    /** Pending tasks, each preferring three random block hosts, counted per host. */
    private static Map<String, Integer> demand(Random rnd, List<String> blockHosts, int tasks) {
        Map<String, Integer> out = new HashMap<>();
        for (int t = 0; t < tasks; t++) {
            for (int r = 0; r < 3; r++) {
                out.merge(blockHosts.get(rnd.nextInt(blockHosts.size())), 1, Integer::sum);
            }
        }
        return out;
    }
}
