package dev.spindle.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --profile DIR}: JFR in every task JVM (Spindle's and Spark's executors, MapReduce's map and
 * reduce tasks), one directory of recordings per system and workload, for {@link ProfileSummary}.
 * Off, it adds nothing. Immutable.
 */
record Profiling(Path dir) {
    static final Profiling OFF = new Profiling(null);

    /** JVM options for the task processes of {@code system} running {@code w}; empty when off. */
    String taskJvmOptions(String system, Workload w) {
        return dir == null ? "" : "-XX:StartFlightRecording=settings=profile,filename=" + dir(system, w) + "/";
    }

    /** Creates the recordings' directory of a run (JFR does not). */
    void prepare(String system, Workload w) throws IOException {
        if (dir != null) {
            Files.createDirectories(dir(system, w));
        }
    }

    Path dir(String system, Workload w) {
        return dir.resolve(system + "-" + w.id()).toAbsolutePath();
    }
}
