package dev.spindle.bench.compare;

import java.io.IOException;
import java.util.Map;

/**
 * One system under comparison: how it is prepared once on the cluster and the command that runs a
 * workload. Implementations hold no per-run state.
 */
public interface BenchSystem {
    /** Short name in reports, e.g. {@code spindle-client}. */
    String name();

    /** Whether this system has a job for {@code workload} (a peer may have none: it is left out). */
    default boolean runs(Workload workload) {
        return true;
    }

    /** One-time set-up on the cluster (such as uploading jars), not timed. */
    default void prepare(BenchCluster cluster) throws IOException {
    }

    /** The command that runs {@code workload} on {@code input}, writing to {@code output}. */
    Invocation invocation(Workload workload, BenchCluster cluster, String input, String output);

    /**
     * Phases the system reports about itself in its output, in ms since its process started (empty
     * when it reports none): Spindle prints a timeline.
     */
    default Map<String, Long> phasesFromOutput(String output) {
        return Map.of();
    }
}
