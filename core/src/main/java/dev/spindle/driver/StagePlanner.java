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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits a job into stages at its shuffles: which shuffles must be computed before a dataset can be,
 * parents first, and where the outputs of the shuffles a stage reads are. Map outputs are kept for
 * the application's life, so a later job reuses a shuffle an earlier one computed.
 *
 * <p>Thread-safe: jobs may be planned from several threads.
 */
final class StagePlanner {
    private final Map<Integer, List<MapStatus>> shuffleOutputs = new ConcurrentHashMap<>();

    /** Shuffles {@code dataset} needs whose map outputs do not exist yet, parents before children. */
    List<ShuffleDependency<?, ?, ?>> missingShuffles(Lineage<?> dataset) {
        List<ShuffleDependency<?, ?, ?>> order = new ArrayList<>();
        visitMissing(dataset, order, new HashSet<>());
        return order;
    }

    private void visitMissing(Lineage<?> d, List<ShuffleDependency<?, ?, ?>> order, Set<Integer> seen) {
        ShuffleDependency<?, ?, ?> dep = d.shuffleDependency();
        if (dep != null && !shuffleOutputs.containsKey(dep.shuffleId()) && seen.add(dep.shuffleId())) {
            visitMissing(dep.parent(), order, seen);
            order.add(dep);
        }
        for (Lineage<?> p : d.narrowParents()) {
            visitMissing(p, order, seen);
        }
    }

    void recordOutputs(int shuffleId, List<MapStatus> outputs) {
        shuffleOutputs.put(shuffleId, List.copyOf(outputs));
    }

    /** Map outputs of the shuffles a stage computing {@code dataset} reads, by shuffle id. */
    Map<Integer, List<MapStatus>> shuffleInputs(Lineage<?> dataset) {
        Map<Integer, List<MapStatus>> inputs = new HashMap<>();
        ArrayDeque<Lineage<?>> todo = new ArrayDeque<>(List.of(dataset));
        while (!todo.isEmpty()) {
            Lineage<?> d = todo.pop();
            ShuffleDependency<?, ?, ?> dep = d.shuffleDependency();
            if (dep != null) {
                inputs.put(dep.shuffleId(), shuffleOutputs.get(dep.shuffleId()));
            }
            todo.addAll(d.narrowParents());
        }
        return inputs;
    }
}
