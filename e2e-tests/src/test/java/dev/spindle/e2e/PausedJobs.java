package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jobs of the {@code Fail} example held at a known point, for tests to act on a running application. */
final class PausedJobs {
    private PausedJobs() {
    }

    /** Starts {@code Fail pause} with these options and returns once its first job's map outputs are written. */
    static CompletableFuture<Submitter.Run> pausedAfterMapStage(EmbeddedCluster cluster, Path dir, String... options)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--class", "dev.spindle.examples.Fail", Submitter.EXAMPLES_JAR, "pause", dir.toString()));
        Submitter submitter = new Submitter(cluster);
        CompletableFuture<Submitter.Run> running = CompletableFuture.supplyAsync(
                () -> submitter.submit(args.toArray(String[]::new)));
        awaitFile(dir.resolve("mapped"), running);
        return running;
    }

    static ApplicationId onlyRunningApplication(EmbeddedCluster cluster) throws Exception {
        List<ApplicationReport> apps = cluster.unfinishedApplications();
        assertEquals(1, apps.size(), "one running application: " + apps);
        return apps.get(0).getApplicationId();
    }

    /** Waits (at most 3 minutes) for the job to write {@code file}; fails at once if the job ends first. */
    static void awaitFile(Path file, CompletableFuture<Submitter.Run> running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(file)) {
            if (running.isDone()) {
                throw new AssertionError("the job ended before " + file.getFileName() + ": " + running.get().err());
            }
            assertTrue(System.nanoTime() < deadline, "no " + file + " within 3 minutes");
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
