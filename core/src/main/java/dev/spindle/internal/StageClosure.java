package dev.spindle.internal;

import dev.spindle.Dataset;

import java.io.Serializable;

/** What every task of a stage runs: compute a partition of {@code dataset}, then apply {@code function}. */
public record StageClosure(Dataset<?> dataset, TaskFunction<?, ?> function) implements Serializable {
}
