package dev.spindle.am;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where new executor containers should be asked for: places (hosts, or the racks of hosts that run no
 * NodeManager) get asks in proportion to the pending tasks that prefer them, less the executors they
 * already have, in the manner of Spark's LocalityPreferredContainerPlacementStrategy. An ask with no
 * place (null) may be met anywhere.
 * An ask for a host is strict: YARN never relaxes it. {@link ContainerAllocator} widens one still
 * unmet after the locality wait to the host's rack, and after another wait to anywhere, on its own
 * clock ({@link ContainerAllocator#relaxStaleAsks}, {@link YarnContainerRequester}).
 *
 * <p>Pure and stateless.
 */
final class LocalityPlacement {
    private LocalityPlacement() {
    }

    /**
     * @param count            asks to place
     * @param pendingByHost    pending tasks preferring each place
     * @param executorsByHost  executors running or starting at each place
     * @return one preferred place (or null) per ask
     */
    static <K extends Comparable<K>> List<K> place(int count, Map<K, Integer> pendingByHost,
                                                   Map<K, Integer> executorsByHost) {
        return place(count, pendingByHost, 0, executorsByHost,
                executorsByHost.values().stream().mapToInt(Integer::intValue).sum());
    }

    /**
     * @param elsewhere pending tasks that prefer hosts no place stands for (their share of the asks goes anywhere)
     * @param executors all executors running or starting (an executor may count at a host and at its rack)
     */
    static <K extends Comparable<K>> List<K> place(int count, Map<K, Integer> pendingByHost, int elsewhere,
                                                   Map<K, Integer> executorsByHost, int executors) {
        List<K> out = new ArrayList<>(count);
        double placed = pendingByHost.values().stream().mapToInt(Integer::intValue).sum();
        double weight = placed + elsewhere;
        if (count <= 0) {
            return out;
        }
        if (placed <= 0) {
            for (int i = 0; i < count; i++) {
                out.add(null);
            }
            return out;
        }
        int total = count + executors;
        Map<K, Double> need = new TreeMap<>();
        for (Map.Entry<K, Integer> e : new TreeMap<>(pendingByHost).entrySet()) {
            double ideal = total * e.getValue() / weight;
            double n = ideal - executorsByHost.getOrDefault(e.getKey(), 0);
            if (n > 0) {
                need.put(e.getKey(), n);
            }
        }
        // Whole shares first, then the largest remainders; what is left may go anywhere.
        Map<K, Integer> given = new TreeMap<>();
        int left = count;
        for (Map.Entry<K, Double> e : need.entrySet()) {
            int whole = (int) Math.min(left, Math.floor(e.getValue()));
            if (whole > 0) {
                given.put(e.getKey(), whole);
                left -= whole;
            }
        }
        List<Map.Entry<K, Double>> byRemainder = new ArrayList<>(need.entrySet());
        byRemainder.sort(Comparator.comparingDouble((Map.Entry<K, Double> e) ->
                -(e.getValue() - Math.floor(e.getValue()))).thenComparing(Map.Entry::getKey));
        for (Map.Entry<K, Double> e : byRemainder) {
            if (left == 0) {
                break;
            }
            if (e.getValue() - Math.floor(e.getValue()) > 1e-9) {
                given.merge(e.getKey(), 1, Integer::sum);
                left--;
            }
        }
        given.forEach((host, n) -> {
            for (int i = 0; i < n; i++) {
                out.add(host);
            }
        });
        for (int i = 0; i < left; i++) {
            out.add(null);
        }
        return out;
    }
}
