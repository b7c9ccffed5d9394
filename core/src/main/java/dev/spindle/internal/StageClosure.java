package dev.spindle.internal;

import dev.spindle.lineage.Lineage;
import dev.spindle.shuffle.MapStatus;
import dev.spindle.task.TaskFunction;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What every task of a stage runs: compute a partition of {@code dataset}, then apply {@code function};
 * {@code shuffleInputs} locates the map outputs of the shuffles the stage reads.
 */
public record StageClosure(Lineage<?> dataset, TaskFunction<?, ?> function,
                           Map<Integer, List<MapStatus>> shuffleInputs) implements Serializable {
}
