package dev.spindle.driver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Decides which pending task runs on which executor slot, with delay scheduling: a free slot takes a
 * task whose cached input it holds itself (PROCESS_LOCAL: a persisted partition lives in one executor's
 * JVM, and other executors hold off such a task for {@code nodeWait} while its holder lives), else a
 * task whose input is on its host (NODE_LOCAL); only after it has waited {@code nodeWait} with nothing
 * local to do does it take a task from its rack (RACK_LOCAL), and after {@code rackWait} more, any task
 * (ANY). The wait is counted per executor from the moment it could not be given local work, so one busy
 * executor launching local tasks never keeps another idle for longer than the waits (Spark's
 * SPARK-18886 problem). Tasks with no preferred hosts run anywhere at once, and a level is only waited
 * for when some executor is alive there: a task whose hosts have no executor does not wait for them. Among equal choices,
 * tasks go in submission order (retries first) and to the executor with the most free slots, ties to
 * the one used least recently, so work spreads over all executors. A task that failed somewhere stays
 * off the executors (and hosts) its {@link Avoidance} names while any other executor could take it.
 *
 * <p>Pure bookkeeping with an injected clock; not thread-safe: owned by the driver's event thread.
 *
 * @param <T> what a task is to the caller
 */
public final class TaskScheduler<T> {
    /** How close to its data a task ran. */
    public enum Locality { PROCESS_LOCAL, NODE_LOCAL, RACK_LOCAL, ANY, NO_PREFERENCE }

    /** A decision: run {@code task} on {@code executorId}, at {@code locality}. */
    public record Assignment<T>(T task, String executorId, String host, Locality locality) {
    }

    /** Where a task should not run again: an executor it failed on, a host it failed on repeatedly. */
    @FunctionalInterface
    public interface Avoidance<T> {
        boolean avoids(T task, String executorId, String host);
    }

    private static final long NOT_WAITING = -1;

    private static final class Slots {
        final String host;
        final String rack;
        final int cores;
        int busy;
        long lastAssigned;
        long waitingSince = NOT_WAITING;

        Slots(String host, String rack, int cores) {
            this.host = host;
            this.rack = rack;
            this.cores = cores;
        }
    }

    /**
     * A pending task with its preferred hosts and their racks, resolved once when it is queued: every
     * scheduling pass looks at them for every pending task.
     */
    private record Pending<T>(T task, List<String> hosts, java.util.Set<String> racks,
                              java.util.Collection<String> executors) {
    }

    private final Map<String, Slots> executors = new LinkedHashMap<>();
    /** Executors per host and per rack, kept as they come and go: every pass asks where executors live. */
    private final Map<String, Integer> liveHosts = new java.util.HashMap<>();
    private final Map<String, Integer> liveRacks = new java.util.HashMap<>();
    private final LinkedList<Pending<T>> pending = new LinkedList<>();
    private final Function<T, List<String>> preferredHosts;
    private final Function<T, ? extends java.util.Collection<String>> preferredExecutors;
    private final Function<String, String> rackOf;
    private final long nodeWait;
    private final long rackWait;
    private final LongSupplier clock;
    private final Avoidance<T> avoidance;
    /** The hosts executors can run on, to which tasks' preferred host names are matched. */
    private final dev.spindle.placement.HostMatcher hostNames =
            new dev.spindle.placement.HostMatcher(dev.spindle.placement.HostMatcher.Resolver.SYSTEM);
    private long assignments;

    /** A scheduler that ignores locality: every task runs anywhere at once. */
    public TaskScheduler() {
        this(t -> List.of(), h -> null, 0, 0, System::currentTimeMillis);
    }

    /**
     * @param preferredHosts the hosts holding a task's input (empty: no preference)
     * @param rackOf         a host's rack, or null when unknown
     */
    public TaskScheduler(Function<T, List<String>> preferredHosts, Function<String, String> rackOf, long nodeWait,
                         long rackWait, LongSupplier clock) {
        this(preferredHosts, rackOf, nodeWait, rackWait, clock, (task, executorId, host) -> false);
    }

    /**
     * @param avoidance where a task should not run again, when another executor can take it
     */
    public TaskScheduler(Function<T, List<String>> preferredHosts, Function<String, String> rackOf, long nodeWait,
                         long rackWait, LongSupplier clock, Avoidance<T> avoidance) {
        this(preferredHosts, t -> List.of(), rackOf, nodeWait, rackWait, clock, avoidance);
    }

    /**
     * @param preferredExecutors the executors holding a task's input in their cache (empty: none)
     */
    public TaskScheduler(Function<T, List<String>> preferredHosts,
                         Function<T, ? extends java.util.Collection<String>> preferredExecutors,
                         Function<String, String> rackOf, long nodeWait, long rackWait, LongSupplier clock,
                         Avoidance<T> avoidance) {
        this.avoidance = avoidance;
        this.preferredHosts = preferredHosts;
        this.preferredExecutors = preferredExecutors;
        this.rackOf = rackOf;
        this.nodeWait = nodeWait;
        this.rackWait = rackWait;
        this.clock = clock;
    }

    /**
     * The hosts executors can run on (the cluster's NodeManagers): a task's preferred host names, as
     * HDFS gives them, are matched to these names when it is queued (short and full names, case,
     * addresses: {@link dev.spindle.placement.HostMatcher}), so a block on {@code node7} is local to an
     * executor on {@code node7.example.com}. Executors' own hosts are added as they come.
     */
    public void knowHosts(java.util.Collection<String> hosts) {
        hosts.forEach(hostNames::add);
    }

    public void addExecutor(String executorId, String host, int cores) {
        hostNames.add(host);
        if (cores < 1) {
            throw new IllegalArgumentException("an executor needs at least one core, " + executorId + " has " + cores);
        }
        Slots slots = new Slots(host, rackOf.apply(host), cores);
        if (executors.putIfAbsent(executorId, slots) != null) {
            throw new IllegalStateException("executor " + executorId + " is already registered");
        }
        liveHosts.merge(host, 1, Integer::sum);
        if (slots.rack != null) {
            liveRacks.merge(slots.rack, 1, Integer::sum);
        }
    }

    public boolean removeExecutor(String executorId) {
        Slots gone = executors.remove(executorId);
        if (gone == null) {
            return false;
        }
        liveHosts.computeIfPresent(gone.host, (h, n) -> n == 1 ? null : n - 1);
        if (gone.rack != null) {
            liveRacks.computeIfPresent(gone.rack, (r, n) -> n == 1 ? null : n - 1);
        }
        return true;
    }

    public int executorCount() {
        return executors.size();
    }

    public void enqueue(T task) {
        pending.addLast(pendingOf(task));
    }

    /** A task that must run again goes before the tasks never tried. */
    public void enqueueFirst(T task) {
        pending.addFirst(pendingOf(task));
    }

    private Pending<T> pendingOf(T task) {
        List<String> given = preferredHosts.apply(task);
        List<String> hosts = given.isEmpty() ? given : new ArrayList<>(given.size());
        java.util.Set<String> racks = new java.util.HashSet<>();
        for (String h : given) {
            String known = hostNames.match(h);
            hosts.add(known != null ? known : h);
            String r = rackOf.apply(h);
            if (r == null && known != null) {
                r = rackOf.apply(known);
            }
            if (r != null) {
                racks.add(r);
            }
        }
        return new Pending<>(task, hosts, racks, preferredExecutors.apply(task));
    }

    /** Drops pending tasks the caller no longer wants (for example those of a failed job). */
    public void removePending(java.util.function.Predicate<T> unwanted) {
        pending.removeIf(p -> unwanted.test(p.task()));
    }

    public int pendingCount() {
        return pending.size();
    }

    /** How many pending tasks prefer each host; tasks with no preference are not counted. */
    public Map<String, Integer> pendingByHost() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (Pending<T> p : pending) {
            for (String h : p.hosts()) {
                out.merge(h, 1, Integer::sum);
            }
        }
        return out;
    }

    /**
     * Whether the free slots of the executors registered so far can start every pending task at once,
     * each where it is best placed: a task caching its input on an executor or reading it from hosts
     * needs a slot there, a task with neither takes any slot. Executors still to come could then add
     * nothing to these tasks, so nobody need wait for them. Decided greedily (bound tasks first): it may
     * answer no where a cleverer matching would fit, never yes where none does.
     */
    public boolean canStartAllNow() {
        if (pending.isEmpty()) {
            return false;
        }
        Map<String, Integer> free = new java.util.HashMap<>();
        int slots = 0;
        for (Map.Entry<String, Slots> e : executors.entrySet()) {
            int f = e.getValue().cores - e.getValue().busy;
            if (f > 0) {
                free.put(e.getKey(), f);
                slots += f;
            }
        }
        if (pending.size() > slots) {
            return false;
        }
        for (Pending<T> p : pending) {
            if (p.hosts().isEmpty() && p.executors().isEmpty()) {
                continue;
            }
            String taken = null;
            for (Map.Entry<String, Integer> e : free.entrySet()) {
                boolean best = p.executors().isEmpty() ? p.hosts().contains(executors.get(e.getKey()).host)
                        : p.executors().contains(e.getKey());
                if (best && e.getValue() > 0) {
                    taken = e.getKey();
                    break;
                }
            }
            if (taken == null) {
                return false;
            }
            free.merge(taken, -1, Integer::sum);
        }
        // What is left over is at least the unbound tasks' number: slots >= pending.
        return true;
    }

    /** A task on {@code executorId} ended: its slot is free again. */
    public void release(String executorId) {
        Slots s = executors.get(executorId);
        if (s != null && s.busy > 0) {
            s.busy--;
        }
    }

    public List<Assignment<T>> assign() {
        long now = clock.getAsLong();
        List<Assignment<T>> out = new ArrayList<>();
        java.util.Set<String> declined = new java.util.HashSet<>();
        while (!pending.isEmpty()) {
            Map.Entry<String, Slots> best = null;
            for (Map.Entry<String, Slots> e : executors.entrySet()) {
                Slots s = e.getValue();
                int free = s.cores - s.busy;
                if (free <= 0 || declined.contains(e.getKey())) {
                    continue;
                }
                if (best == null) {
                    best = e;
                    continue;
                }
                Slots b = best.getValue();
                int bestFree = b.cores - b.busy;
                if (free > bestFree || (free == bestFree && s.lastAssigned < b.lastAssigned)) {
                    best = e;
                }
            }
            if (best == null) {
                break;
            }
            Slots s = best.getValue();
            Assignment<T> a = pick(best.getKey(), s, now);
            if (a == null) {
                if (s.waitingSince == NOT_WAITING) {
                    s.waitingSince = now;
                }
                declined.add(best.getKey());
                continue;
            }
            if (a.locality() == Locality.PROCESS_LOCAL || a.locality() == Locality.NODE_LOCAL
                    || a.locality() == Locality.NO_PREFERENCE) {
                s.waitingSince = NOT_WAITING;
            }
            s.busy++;
            s.lastAssigned = ++assignments;
            out.add(a);
        }
        return out;
    }

    /** The most local task this executor may take now, removed from the pending list; null if none. */
    private Assignment<T> pick(String executorId, Slots s, long now) {
        Locality allowed = allowedLevel(s, now);
        Pending<T> rackTask = null;
        Pending<T> anyTask = null;
        for (Iterator<Pending<T>> it = pending.iterator(); it.hasNext(); ) {
            Pending<T> p = it.next();
            if (avoidance.avoids(p.task(), executorId, s.host) && anotherCouldTake(p.task(), executorId)) {
                continue;
            }
            if (!p.executors().isEmpty()) {
                if (p.executors().contains(executorId)) {
                    it.remove();
                    return new Assignment<>(p.task(), executorId, s.host, Locality.PROCESS_LOCAL);
                }
                boolean holderAlive = false;
                for (String e : p.executors()) {
                    holderAlive |= executors.containsKey(e);
                }
                if (holderAlive && allowed == Locality.NODE_LOCAL) {
                    // Its holder may free a slot soon: wait for it as for a local host.
                    continue;
                }
            }
            if (p.hosts().isEmpty()) {
                it.remove();
                // A task that wanted another executor's cache did not get it: honestly, not local.
                return new Assignment<>(p.task(), executorId, s.host,
                        p.executors().isEmpty() ? Locality.NO_PREFERENCE : Locality.ANY);
            }
            if (p.hosts().contains(s.host)) {
                it.remove();
                return new Assignment<>(p.task(), executorId, s.host, Locality.NODE_LOCAL);
            }
            boolean hostAlive = false;
            for (String h : p.hosts()) {
                hostAlive |= liveHosts.containsKey(h);
            }
            boolean rackAlive = false;
            for (String r : p.racks()) {
                rackAlive |= liveRacks.containsKey(r);
            }
            boolean sameRack = s.rack != null && p.racks().contains(s.rack);
            // Waiting is for a level where an executor could take the task; skip the ones where none is.
            if (rackTask == null && sameRack && (allowed.compareTo(Locality.RACK_LOCAL) >= 0 || !hostAlive)) {
                rackTask = p;
            }
            if (anyTask == null && (allowed == Locality.ANY || (!hostAlive && !rackAlive))) {
                anyTask = p;
            }
        }
        if (rackTask != null) {
            pending.remove(rackTask);
            return new Assignment<>(rackTask.task(), executorId, s.host, Locality.RACK_LOCAL);
        }
        if (anyTask != null) {
            pending.remove(anyTask);
            return new Assignment<>(anyTask.task(), executorId, s.host, Locality.ANY);
        }
        return null;
    }

    /** Whether an executor other than {@code executorId}, busy or not, is one {@code task} need not avoid. */
    private boolean anotherCouldTake(T task, String executorId) {
        for (Map.Entry<String, Slots> e : executors.entrySet()) {
            if (!e.getKey().equals(executorId) && !avoidance.avoids(task, e.getKey(), e.getValue().host)) {
                return true;
            }
        }
        return false;
    }

    private Locality allowedLevel(Slots s, long now) {
        if (s.waitingSince == NOT_WAITING) {
            return Locality.NODE_LOCAL;
        }
        long waited = now - s.waitingSince;
        if (waited < nodeWait) {
            return Locality.NODE_LOCAL;
        }
        // Without a rack for this executor there is no rack level to wait at.
        if (s.rack != null && waited < nodeWait + rackWait) {
            return Locality.RACK_LOCAL;
        }
        return Locality.ANY;
    }

    /**
     * When the next waiting executor may take less local work, or -1 if none waits: the caller runs
     * {@link #assign()} again then.
     */
    public long nextDecisionAt() {
        long next = -1;
        for (Slots s : executors.values()) {
            if (s.waitingSince == NOT_WAITING || s.busy >= s.cores || pending.isEmpty()) {
                continue;
            }
            long at = s.waitingSince + nodeWait;
            if (clock.getAsLong() >= at && s.rack != null) {
                at = s.waitingSince + nodeWait + rackWait;
            }
            if (clock.getAsLong() >= at) {
                continue;
            }
            next = next < 0 ? at : Math.min(next, at);
        }
        return next;
    }
}
