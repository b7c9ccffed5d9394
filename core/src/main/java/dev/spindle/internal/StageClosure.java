package dev.spindle.internal;

import dev.spindle.Dataset;
import dev.spindle.shuffle.MapStatus;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What every task of a stage runs: compute a partition of {@code dataset}, then apply {@code function};
 * {@code shuffleInputs} locates the map outputs of the shuffles the stage reads.
 */
public record StageClosure(Dataset<?> dataset, TaskFunction<?, ?> function,
                           Map<Integer, List<MapStatus>> shuffleInputs) implements Serializable {
}
