package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.spindle.e2e.PausedJobs.awaitFile;
import static dev.spindle.e2e.PausedJobs.onlyRunningApplication;
import static dev.spindle.e2e.PausedJobs.pausedAfterMapStage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real processes killed: an executor JVM gets kill -9 after its map outputs were written, and the
 * job that reads them next still gets the right answer. Its files outlive it in the application's
 * local dirs, so a reduce task on the same host reads them from disk; one that must fetch them from
 * the dead executor's block server (forced with {@code spindle.shuffle.localRead=false}, as from
 * another host) gets a fetch failure, and the lost map outputs are recomputed from lineage.
 */
@SpindleClusterTest(nodes = 2)
class RecoveryEndToEndIT {
    private static final long SUM = 20_000L * 20_001 / 2;

    @ParameterizedTest
    @ValueSource(strings = {"client network", "cluster network", "client disk"})
    void anExecutorKilledAfterTheMapStageLosesNoAnswer(String modes, EmbeddedCluster cluster, @TempDir Path dir)
            throws Exception {
        String mode = modes.split(" ")[0];
        boolean network = modes.endsWith("network");
        CompletableFuture<Submitter.Run> running = pausedAfterMapStage(cluster, dir, "--deploy-mode", mode,
                "--num-executors", "2", "--conf", "spindle.shuffle.localRead=" + !network);
        assertEquals(Long.toString(SUM), Files.readString(dir.resolve("mapped")), "the first job's answer");

        ApplicationId app = onlyRunningApplication(cluster);
        // One alone on its host when YARN placed them apart, so its outputs must be recomputed.
        List<ContainerId> executors = cluster.faults().executors(app);
        java.util.Map<Integer, Long> perNode = executors.stream().collect(java.util.stream.Collectors.groupingBy(
                c -> cluster.faults().nodeOf(c), java.util.stream.Collectors.counting()));
        ContainerId victim = executors.stream().filter(c -> perNode.get(cluster.faults().nodeOf(c)) == 1).findFirst()
                .orElse(executors.get(0));
        boolean neighbour = perNode.get(cluster.faults().nodeOf(victim)) > 1;
        cluster.faults().killExecutor(victim);
        Files.writeString(dir.resolve("go"), "");

        Submitter.Run run = running.get(5, TimeUnit.MINUTES);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Long.toString(2 * SUM), Files.readString(dir.resolve("result")), "the second job's answer");
        assertEquals(0, run.result().summary().failedAttempts(), "a lost map output is no task's failure");
        if (network && neighbour) {
            // The other executor shares the dead one's host, so it serves its files (see the next test).
            assertEquals(0, run.result().summary().recomputedTasks(), run.result().summary().toLine());
        } else if (network) {
            int recomputed = run.result().summary().recomputedTasks();
            assertTrue(recomputed >= 1 && recomputed <= 4, "only the dead executor's map tasks ran again: "
                    + run.result().summary().toLine());
            assertTrue(run.out().contains(recomputed == 1 ? "(1 map task recomputed after its output was lost)"
                    : "(" + recomputed + " map tasks recomputed after their output was lost)"), run.out());
        }
    }

    /**
     * kill -9 of an executor after the map stage, on a host where another executor of the application
     * runs: that one's block server serves the dead one's map output files (they are in the
     * application's local dirs, which both share), so the next job reads them over the network from
     * there and nothing is recomputed.
     */
    @org.junit.jupiter.api.Test
    void aDeadExecutorsOutputsAreServedByAnotherOnItsHostNotRecomputed(EmbeddedCluster cluster, @TempDir Path dir)
            throws Exception {
        // Three executors on two nodes: two of them share a host.
        CompletableFuture<Submitter.Run> running = pausedAfterMapStage(cluster, dir, "--num-executors", "3",
                "--conf", "spindle.shuffle.localRead=false");
        ApplicationId app = onlyRunningApplication(cluster);
        List<ContainerId> executors = cluster.faults().executors(app);
        assertEquals(3, executors.size(), "three executor JVMs: " + executors);
        java.util.Map<Integer, List<ContainerId>> byNode = executors.stream()
                .collect(java.util.stream.Collectors.groupingBy(c -> cluster.faults().nodeOf(c)));
        ContainerId victim = byNode.values().stream().filter(l -> l.size() > 1).findFirst()
                .orElseThrow(() -> new AssertionError("no two executors share a host: " + byNode)).get(0);
        cluster.faults().killExecutor(victim);
        Files.writeString(dir.resolve("go"), "");

        Submitter.Run run = running.get(5, TimeUnit.MINUTES);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Long.toString(2 * SUM), Files.readString(dir.resolve("result")), "the second job's answer");
        assertEquals(0, run.result().summary().recomputedTasks(), "its neighbour served the dead executor's outputs: "
                + run.result().summary().toLine());
    }

    /**
     * WordCount, untouched by any marker file: the test waits for its map stage to finish through the
     * ApplicationMaster's log ({@code faults().awaitStageFinished}), kills an executor at once, and the
     * counts are still right.
     */
    @org.junit.jupiter.api.Test
    void anExecutorKilledWhenTheMapStageFinishesLosesNoCount(EmbeddedCluster cluster) throws Exception {
        org.apache.hadoop.fs.FileSystem fs = cluster.fileSystem();
        java.util.Map<String, Long> expected = new java.util.TreeMap<>();
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 20_000; line++) {
            String word = "w" + (line * 7919 % 97);
            text.append(word).append(' ').append("common\n");
            expected.merge(word, 1L, Long::sum);
            expected.merge("common", 1L, Long::sum);
        }
        org.apache.hadoop.fs.Path in = new org.apache.hadoop.fs.Path("/in/stage-hook.txt");
        try (var out = fs.create(in, true)) {
            out.write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Submitter submitter = new Submitter(cluster);
        CompletableFuture<Submitter.Run> running = CompletableFuture.supplyAsync(() -> submitter.submit(
                "--num-executors", "2", "--conf", "spindle.shuffle.localRead=false", "--class",
                "dev.spindle.examples.WordCount", Submitter.EXAMPLES_JAR, in.toString(),
                "/out/stage-hook", "reduce", "0"));
        ApplicationId app = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (app == null) {
            assertTrue(!running.isDone(), () -> "the job ended before it was seen: " + running.join().err());
            assertTrue(System.nanoTime() < deadline, "no application within 3 minutes");
            List<ApplicationReport> live = cluster.unfinishedApplications();
            app = live.isEmpty() ? null : live.get(0).getApplicationId();
            TimeUnit.MILLISECONDS.sleep(50);
        }
        cluster.faults().awaitStageFinished(app, 0, TimeUnit.MINUTES.toMillis(3));
        List<ContainerId> executors = cluster.faults().executors(app);
        assertTrue(!executors.isEmpty(), "executors live until the application ends");
        cluster.faults().killExecutor(executors.get(0));

        Submitter.Run run = running.get(5, TimeUnit.MINUTES);
        assertEquals(0, run.exitCode(), run.err());
        java.util.Map<String, Long> counted = new java.util.TreeMap<>();
        for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(new org.apache.hadoop.fs.Path("/out/stage-hook"))) {
            if (f.getPath().getName().startsWith("part-")) {
                try (var r = fs.open(f.getPath())) {
                    for (String l : new String(r.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                        if (!l.isEmpty()) {
                            String[] kv = l.split("\t");
                            counted.merge(kv[0], Long.parseLong(kv[1]), Long::sum);
                        }
                    }
                }
            }
        }
        assertEquals(expected, counted);
    }

    /** kill -9 of the executor running a map task, in the middle of the map stage: the task runs again elsewhere. */
    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void anExecutorKilledDuringTheMapStageLosesNoAnswer(String mode, EmbeddedCluster cluster, @TempDir Path dir)
            throws Exception {
        Submitter submitter = new Submitter(cluster);
        CompletableFuture<Submitter.Run> running = CompletableFuture.supplyAsync(() -> submitter.submit(
                "--deploy-mode", mode, "--num-executors", "2", "--class", "dev.spindle.examples.Fail",
                Submitter.EXAMPLES_JAR, "stall", dir.toString()));
        awaitFile(dir.resolve("mapping"), running);
        ContainerId executor = ContainerId.fromString(Files.readString(dir.resolve("mapping")).trim());
        cluster.faults().killExecutor(executor);
        Files.writeString(dir.resolve("go"), "");

        Submitter.Run run = running.get(5, TimeUnit.MINUTES);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Long.toString(SUM), Files.readString(dir.resolve("result")), "the job's answer");
        // The lost attempt is charged once the AM reports the container's exit 137, which may come after
        // the job is done: at most one failed attempt, never a failed job.
        assertTrue(run.result().summary().failedAttempts() <= 1, run.result().summary().toLine());
    }

    /**
     * kill -9 of the ApplicationMaster's JVM in cluster mode while the job's save has written output
     * it has not committed: YARN starts attempt 2, which runs the driver again, and the user gets a
     * SUCCEEDED run whose OUT holds exactly the right lines and nothing attempt 1 wrote.
     */
    @org.junit.jupiter.api.Test
    void anApplicationMasterKilledInClusterModeSucceedsOnItsSecondAttemptWithNothingOfTheFirstLeft(
            EmbeddedCluster cluster, @TempDir Path dir) throws Exception {
        String out = "/out/am-killed";
        Submitter submitter = new Submitter(cluster);
        CompletableFuture<Submitter.Run> running = CompletableFuture.supplyAsync(() -> submitter.submit(
                "--deploy-mode", "cluster", "--num-executors", "1",
                "--class", "dev.spindle.examples.Fail", Submitter.EXAMPLES_JAR, "save", dir.toString(), out));
        awaitFile(dir.resolve("saving"), running);
        org.apache.hadoop.fs.FileSystem fs = cluster.fileSystem();
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(out, "_temporary")),
                "attempt 1 has uncommitted output when its AM dies");

        ApplicationId app = onlyRunningApplication(cluster);
        ContainerId am = cluster.faults().killApplicationMaster(app);
        assertEquals(1, am.getApplicationAttemptId().getAttemptId());
        // Attempt 2's save waits for this too; attempt 1's executor, if it outlived its AM, sees it as well.
        Files.delete(dir.resolve("saving"));
        Files.writeString(dir.resolve("go"), "");

        Submitter.Run run = running.get(5, TimeUnit.MINUTES);
        assertEquals(0, run.exitCode(), run.err());
        ApplicationReport report = cluster.applications().stream().filter(r -> r.getApplicationId().equals(app))
                .findFirst().orElseThrow();
        assertEquals(org.apache.hadoop.yarn.api.records.FinalApplicationStatus.SUCCEEDED,
                report.getFinalApplicationStatus(), report.getDiagnostics());
        assertEquals(2, report.getCurrentApplicationAttemptId().getAttemptId(), "the run finished on attempt 2");

        List<String> names = new java.util.ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(new org.apache.hadoop.fs.Path(out))) {
            names.add(f.getPath().getName());
            if (f.getPath().getName().startsWith("part-")) {
                try (var in = fs.open(f.getPath())) {
                    lines.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        java.util.Collections.sort(names);
        assertEquals(List.of("_SUCCESS", "part-00000"), names, "OUT holds attempt 2's output and nothing else");
        assertEquals("1\n2\n3\n", lines.toString());
        String success;
        try (var in = fs.open(new org.apache.hadoop.fs.Path(out, "_SUCCESS"))) {
            success = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(app + " 2\n", success, "_SUCCESS names attempt 2 as the writer");
    }

    /**
     * kill -9 of the ApplicationMaster in client mode between two jobs: YARN starts attempt 2, which
     * reconnects to the driver in spindle-submit, and the next job carries on with its executors.
     */
    @org.junit.jupiter.api.Test
    void anApplicationMasterKilledInClientModeIsReplacedAndTheJobsCarryOn(EmbeddedCluster cluster, @TempDir Path dir)
            throws Exception {
        CompletableFuture<Submitter.Run> running = pausedAfterMapStage(cluster, dir, "--num-executors", "2");
        ApplicationId app = onlyRunningApplication(cluster);
        ContainerId am = cluster.faults().killApplicationMaster(app);
        assertEquals(1, am.getApplicationAttemptId().getAttemptId());
        Files.writeString(dir.resolve("go"), "");

        Submitter.Run run = running.get(5, TimeUnit.MINUTES);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Long.toString(2 * SUM), Files.readString(dir.resolve("result")), "the second job's answer");
        ApplicationReport report = cluster.applications().stream().filter(r -> r.getApplicationId().equals(app))
                .findFirst().orElseThrow();
        assertEquals(2, report.getCurrentApplicationAttemptId().getAttemptId(), "attempt 2 finished the run");
    }

    /** A map output damaged on disk between two jobs that read it: caught by its checksum, recomputed. */
    @org.junit.jupiter.api.Test
    void aCorruptedMapOutputIsRecomputedAndTheAnswerIsRight(EmbeddedCluster cluster, @TempDir Path dir)
            throws Exception {
        CompletableFuture<Submitter.Run> running = pausedAfterMapStage(cluster, dir, "--num-executors", "2");
        java.nio.file.Path damaged = cluster.faults().corruptMapOutput(onlyRunningApplication(cluster));
        Files.writeString(dir.resolve("go"), "");

        Submitter.Run run = running.get(5, TimeUnit.MINUTES);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Long.toString(2 * SUM), Files.readString(dir.resolve("result")),
                "the second job's answer, after " + damaged + " was damaged");
        assertTrue(run.result().summary().recomputedTasks() >= 1, run.result().summary().toLine());
        assertEquals(0, run.result().summary().failedAttempts(), "a damaged output is no task's failure");
    }
}
