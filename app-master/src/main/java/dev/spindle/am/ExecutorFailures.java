package dev.spindle.am;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The executor failures that still count: those within the validity window
 * ({@code spindle.yarn.executorFailuresValidityInterval}) of now, so a long application is not failed
 * by a few crashes spread over days. From them, the hosts to exclude from asks: a host with
 * {@code spindle.yarn.am.maxFailuresPerHost} recent failures, never more than a third of the cluster's
 * nodes (the worst first), so a cluster-wide problem cannot starve the application of every host.
 *
 * <p>Not thread-safe: owned by the ApplicationMaster's event thread.
 */
final class ExecutorFailures {
    private record Failure(long at, String host) {
    }

    private final long validityMillis;
    private final int maxPerHost;
    private final LongSupplier clock;
    private final Deque<Failure> failures = new ArrayDeque<>();

    /**
     * @param validityMillis how long a failure counts; 0 or less: for ever
     * @param maxPerHost     failures on one host that exclude it; 0: never exclude
     */
    ExecutorFailures(long validityMillis, int maxPerHost, LongSupplier clock) {
        this.validityMillis = validityMillis;
        this.maxPerHost = maxPerHost;
        this.clock = clock;
    }

    void record(String host) {
        failures.addLast(new Failure(clock.getAsLong(), host));
    }

    /** Failures within the window. */
    int count() {
        expire();
        return failures.size();
    }

    /**
     * The hosts to keep out of asks now: those with {@code maxPerHost} failures within the window, the
     * most failures first, at most a third of {@code clusterNodes} (none on a cluster of fewer than 3).
     */
    Set<String> excludedHosts(int clusterNodes) {
        expire();
        int limit = clusterNodes / 3;
        if (maxPerHost <= 0 || limit == 0) {
            return Set.of();
        }
        Map<String, Integer> byHost = new HashMap<>();
        for (Failure f : failures) {
            if (f.host() != null) {
                byHost.merge(f.host(), 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> bad = new ArrayList<>();
        for (Map.Entry<String, Integer> e : byHost.entrySet()) {
            if (e.getValue() >= maxPerHost) {
                bad.add(e);
            }
        }
        bad.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey(
                Comparator.naturalOrder())));
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < bad.size() && i < limit; i++) {
            out.add(bad.get(i).getKey());
        }
        return out;
    }

    private void expire() {
        if (validityMillis <= 0) {
            return;
        }
        long oldest = clock.getAsLong() - validityMillis;
        while (!failures.isEmpty() && failures.peekFirst().at() <= oldest) {
            failures.removeFirst();
        }
    }
}
