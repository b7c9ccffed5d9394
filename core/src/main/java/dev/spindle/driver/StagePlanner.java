package dev.spindle.driver;

import dev.spindle.lineage.Lineage;
import dev.spindle.shuffle.MapStatus;
import dev.spindle.lineage.ShuffleDependency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a job into stages at its shuffles: which shuffles must be computed before a dataset can be,
 * parents first, and where the outputs of the shuffles a stage reads are. Map outputs are kept for
 * the application's life, so a later job reuses a shuffle an earlier one computed.
 *
 * A lost map output is forgotten, so the next plan computes only the missing partitions again.
 *
 * <p>Thread-safe: jobs may be planned from several threads.
 */
final class StagePlanner {
    /** Each shuffle's map outputs by map partition; null where an output is lost or not computed yet. */
    private final Map<Integer, MapStatus[]> shuffleOutputs = new HashMap<>();

    /** Shuffles {@code dataset} needs whose map outputs are not all there, parents before children. */
    synchronized List<ShuffleDependency<?, ?, ?>> missingShuffles(Lineage<?> dataset) {
        List<ShuffleDependency<?, ?, ?>> order = new ArrayList<>();
        visitMissing(dataset, order, new HashSet<>());
        return order;
    }

    private void visitMissing(Lineage<?> d, List<ShuffleDependency<?, ?, ?>> order, Set<Integer> seen) {
        for (ShuffleDependency<?, ?, ?> dep : d.shuffleDependencies()) {
            if (!complete(dep.shuffleId()) && seen.add(dep.shuffleId())) {
                visitMissing(dep.parent(), order, seen);
                order.add(dep);
            }
        }
        for (Lineage<?> p : d.narrowParents()) {
            visitMissing(p, order, seen);
        }
    }

    private boolean complete(int shuffleId) {
        MapStatus[] outputs = shuffleOutputs.get(shuffleId);
        if (outputs == null) {
            return false;
        }
        for (MapStatus m : outputs) {
            if (m == null) {
                return false;
            }
        }
        return true;
    }

    /** The map partitions of a shuffle of {@code mapPartitions} whose outputs must be computed. */
    synchronized int[] missingPartitions(int shuffleId, int mapPartitions) {
        MapStatus[] outputs = shuffleOutputs.get(shuffleId);
        return java.util.stream.IntStream.range(0, mapPartitions)
                .filter(p -> outputs == null || outputs[p] == null).toArray();
    }

    /** Records the outputs of the map tasks that computed {@code partitions} of a shuffle of {@code mapPartitions}. */
    synchronized void recordOutputs(int shuffleId, int mapPartitions, int[] partitions, List<MapStatus> outputs) {
        MapStatus[] all = shuffleOutputs.computeIfAbsent(shuffleId, id -> new MapStatus[mapPartitions]);
        for (int i = 0; i < partitions.length; i++) {
            all[partitions[i]] = outputs.get(i);
        }
    }

    /**
     * Forgets a lost map output and every other output of the executor that wrote it, which is gone
     * with it; returns how many outputs were forgotten. An output another executor has adopted since
     * (see {@link #adopt}) is kept: the next plan reads it from there.
     */
    synchronized int unregister(int shuffleId, int mapPartition, String executorId) {
        int lost = 0;
        MapStatus[] outputs = shuffleOutputs.get(shuffleId);
        if (outputs != null && mapPartition < outputs.length && outputs[mapPartition] != null
                && outputs[mapPartition].executorId().equals(executorId)) {
            outputs[mapPartition] = null;
            lost++;
        }
        for (MapStatus[] all : shuffleOutputs.values()) {
            for (int p = 0; p < all.length; p++) {
                if (all[p] != null && all[p].executorId().equals(executorId)) {
                    all[p] = null;
                    lost++;
                }
            }
        }
        return lost;
    }

    /**
     * The outputs {@code lost} wrote on {@code host} are served by {@code heir}'s block server from now
     * on (its files are in the same application directories); returns how many.
     */
    synchronized int adopt(String lost, String host, String heir, int heirPort) {
        int adopted = 0;
        for (MapStatus[] all : shuffleOutputs.values()) {
            for (int p = 0; p < all.length; p++) {
                MapStatus m = all[p];
                if (m != null && m.executorId().equals(lost) && m.host().equals(host)) {
                    all[p] = new MapStatus(heir, host, heirPort, m.block(), m.dataFile(), m.partitionLengths(),
                            m.checksums());
                    adopted++;
                }
            }
        }
        return adopted;
    }

    /** Where a shuffle's map outputs are now, by map partition (null where lost or not computed). */
    synchronized List<MapStatus> outputs(int shuffleId) {
        MapStatus[] outputs = shuffleOutputs.get(shuffleId);
        return outputs == null ? List.of() : java.util.Arrays.asList(outputs.clone());
    }

    /** Map outputs of the shuffles a stage computing {@code dataset} reads, by shuffle id. */
    synchronized Map<Integer, List<MapStatus>> shuffleInputs(Lineage<?> dataset) {
        Map<Integer, List<MapStatus>> inputs = new HashMap<>();
        ArrayDeque<Lineage<?>> todo = new ArrayDeque<>(List.of(dataset));
        while (!todo.isEmpty()) {
            Lineage<?> d = todo.pop();
            for (ShuffleDependency<?, ?, ?> dep : d.shuffleDependencies()) {
                MapStatus[] outputs = shuffleOutputs.get(dep.shuffleId());
                // A copy: the stage's tasks read the outputs as they were when it was planned.
                inputs.put(dep.shuffleId(), outputs == null ? List.of() : java.util.Arrays.asList(outputs.clone()));
            }
            todo.addAll(d.narrowParents());
        }
        return inputs;
    }
}
