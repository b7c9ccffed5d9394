package dev.spindle.am;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where new executor containers should be asked for: hosts get asks in proportion to the pending
 * tasks that prefer them, less the executors they already have, in the manner of Spark's
 * LocalityPreferredContainerPlacementStrategy. An ask with no host (null) may be placed anywhere.
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
     * @param pendingByHost    pending tasks preferring each host
     * @param executorsByHost  executors running or starting on each host
     * @return one preferred host (or null) per ask
     */
    static List<String> place(int count, Map<String, Integer> pendingByHost, Map<String, Integer> executorsByHost) {
        List<String> out = new ArrayList<>(count);
        double weight = pendingByHost.values().stream().mapToInt(Integer::intValue).sum();
        if (count <= 0) {
            return out;
        }
        if (weight <= 0) {
            for (int i = 0; i < count; i++) {
                out.add(null);
            }
            return out;
        }
        int existing = executorsByHost.values().stream().mapToInt(Integer::intValue).sum();
        int total = count + existing;
        Map<String, Double> need = new TreeMap<>();
        for (Map.Entry<String, Integer> e : new TreeMap<>(pendingByHost).entrySet()) {
            double ideal = total * e.getValue() / weight;
            double n = ideal - executorsByHost.getOrDefault(e.getKey(), 0);
            if (n > 0) {
                need.put(e.getKey(), n);
            }
        }
        // Whole shares first, then the largest remainders; what is left may go anywhere.
        Map<String, Integer> given = new TreeMap<>();
        int left = count;
        for (Map.Entry<String, Double> e : need.entrySet()) {
            int whole = (int) Math.min(left, Math.floor(e.getValue()));
            if (whole > 0) {
                given.put(e.getKey(), whole);
                left -= whole;
            }
        }
        List<Map.Entry<String, Double>> byRemainder = new ArrayList<>(need.entrySet());
        byRemainder.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) ->
                -(e.getValue() - Math.floor(e.getValue()))).thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, Double> e : byRemainder) {
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
