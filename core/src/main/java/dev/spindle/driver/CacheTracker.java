package dev.spindle.driver;

import dev.spindle.lineage.Lineage;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the partitions of persisted datasets are kept, as executors report it, so the tasks that read
 * them go there first (PROCESS_LOCAL). A lost executor's partitions are forgotten: a task that needed
 * one computes it again from lineage wherever it runs.
 *
 * <p>Thread-safe: the event thread records, job threads plan stages.
 */
final class CacheTracker {
    private final AtomicInteger datasetIds = new AtomicInteger();
    /** Dataset id → partition → executors holding it. */
    private final Map<Integer, Map<Integer, Set<String>>> where = new HashMap<>();

    int newDatasetId() {
        return datasetIds.getAndIncrement();
    }

    /** An executor's report: it holds (some bytes in memory or on disk) or dropped (both 0) a partition. */
    synchronized void update(String executorId, int datasetId, int partition, long memoryBytes, long diskBytes) {
        Map<Integer, Set<String>> parts = where.computeIfAbsent(datasetId, d -> new HashMap<>());
        if (memoryBytes > 0 || diskBytes > 0) {
            parts.computeIfAbsent(partition, p -> new HashSet<>()).add(executorId);
        } else {
            Set<String> holders = parts.get(partition);
            if (holders != null) {
                holders.remove(executorId);
            }
        }
    }

    synchronized void executorLost(String executorId) {
        for (Map<Integer, Set<String>> parts : where.values()) {
            for (Set<String> holders : parts.values()) {
                holders.remove(executorId);
            }
        }
    }

    synchronized void forget(int datasetId) {
        where.remove(datasetId);
    }

    /**
     * For each of {@code partitions} of {@code dataset}, the executors holding the data it reads: its own
     * partition if persisted, else the nearest persisted ancestor's reached through narrow dependencies
     * that keep partition numbers (a map of a cached dataset, a join reading a cached side in place).
     * The lineage is walked once per stage, not once per partition.
     */
    synchronized List<Set<String>> holders(Lineage<?> dataset, int[] partitions) {
        List<Set<String>> out = new java.util.ArrayList<>(partitions.length);
        List<Integer> persisted = where.isEmpty() ? List.of() : persistedAncestors(dataset);
        for (int partition : partitions) {
            Set<String> found = Set.of();
            for (int id : persisted) {
                Set<String> h = where.getOrDefault(id, Map.of()).get(partition);
                if (h != null && !h.isEmpty()) {
                    found = Set.copyOf(h);
                    break;
                }
            }
            out.add(found);
        }
        return out;
    }

    /** The ids of the persisted datasets {@code dataset} reads partition for partition, nearest first. */
    private List<Integer> persistedAncestors(Lineage<?> dataset) {
        List<Integer> ids = new java.util.ArrayList<>();
        int count = dataset.partitions().size();
        ArrayDeque<Lineage<?>> todo = new ArrayDeque<>(List.of(dataset));
        Set<Lineage<?>> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Lineage<?> d = todo.pop();
            if (!seen.add(d)) {
                continue;
            }
            Lineage.CacheMark mark = d.cacheMark();
            if (mark != null && where.containsKey(mark.datasetId())) {
                ids.add(mark.datasetId());
            }
            for (Lineage<?> p : d.narrowParents()) {
                if (p.partitions().size() == count) {
                    todo.add(p);
                }
            }
        }
        return ids;
    }
}
