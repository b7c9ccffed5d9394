package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's Ctrl-C or a SIGTERM to bin/spindle-submit, a real process of its own, while the job's save
 * has output on HDFS that it has not committed: spindle-submit exits with the signal's status, the
 * application is KILLED, and no staging directory is left (nor, in client mode, the output).
 */
// A short AM liveness expiry (YARN's default is ten minutes), so the test of a killed unmanaged AM sees
// YARN end its application; every other AM here heartbeats many times a second.
@SpindleClusterTest(conf = "yarn.am.liveness-monitor.expiry-interval-ms=10000")
class InterruptEndToEndIT {
    private static final java.nio.file.Path HOME = java.nio.file.Path.of(System.getProperty("spindle.home"))
            .toAbsolutePath().normalize();

    /** What one interrupted run left. */
    private record Interrupted(int exitCode, String appId, YarnApplicationState state, String err,
                               boolean outputLeft) {
    }

    @Test
    @DisplayName("spindle-submit sent SIGINT — application KILLED, nothing left in HDFS")
    void sigintInClientModeKillsTheApplicationAndLeavesNothingInHdfs(EmbeddedCluster cluster,
                                                                     @TempDir java.nio.file.Path dir) throws Exception {
        Interrupted run = interrupt(cluster, dir, "client", "INT", "/out/sigint");

        assertEquals(130, run.exitCode(), run.err());
        assertEquals(YarnApplicationState.KILLED, run.state());
        PiEndToEndIT.assertStagingCleaned(cluster);
        assertFalse(run.outputLeft(), "the job's main removed its uncommitted output before spindle-submit ended");
        assertEquals(List.of("spindle-submit: interrupted: failed the running jobs, killed " + run.appId()
                + ", removed its staging directory"), interruptLines(run.err()), run.err());
    }

    @Test
    @DisplayName("spindle-submit in cluster mode sent SIGTERM — the application it waited for KILLED, no staging left")
    void sigtermInClusterModeKillsTheApplicationItWaitsFor(EmbeddedCluster cluster, @TempDir java.nio.file.Path dir)
            throws Exception {
        Interrupted run = interrupt(cluster, dir, "cluster", "TERM", "/out/sigterm");

        assertEquals(143, run.exitCode(), run.err());
        assertEquals(YarnApplicationState.KILLED, run.state());
        PiEndToEndIT.assertStagingCleaned(cluster);
        // The driver died with the AM's container: its uncommitted output (OUT/_temporary) may stay,
        // as after spindle-submit --kill; the README says so.
        assertEquals(List.of("spindle-submit: interrupted: killed " + run.appId() + ", removed its staging directory"),
                interruptLines(run.err()), run.err());
    }

    @Test
    @DisplayName("spindle-submit stopped (SIGSTOP) in client mode — AM and executors notice the silence and end")
    void aStoppedClientModeDriverIsNoticedAndTheApplicationEnds(EmbeddedCluster cluster,
                                                               @TempDir java.nio.file.Path dir) throws Exception {
        Process submit = startSlowJob(cluster, dir);
        try {
            org.apache.hadoop.yarn.api.records.ApplicationId app = awaitContainers(cluster, submit, dir, 3);
            Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(submit.pid())).inheritIO().start();
            assertTrue(stop.waitFor(30, TimeUnit.SECONDS) && stop.exitValue() == 0, "kill -STOP failed");

            // 5 s of silence, then the AM's next check; bounded well above that.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            ApplicationReport report;
            while (true) {
                org.apache.hadoop.yarn.api.records.ApplicationId id = app;
                report = cluster.applications().stream().filter(r -> r.getApplicationId().equals(id))
                        .findFirst().orElseThrow();
                if (report.getFinalApplicationStatus()
                        != org.apache.hadoop.yarn.api.records.FinalApplicationStatus.UNDEFINED) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "the application still runs 2 minutes after its driver "
                        + "stopped: " + report.getYarnApplicationState());
                TimeUnit.MILLISECONDS.sleep(200);
            }
            assertEquals(org.apache.hadoop.yarn.api.records.FinalApplicationStatus.FAILED,
                    report.getFinalApplicationStatus());
            assertTrue(report.getDiagnostics().contains("nothing heard from the driver for"), report.getDiagnostics());
            awaitNoContainers(cluster, app, deadline);
        } finally {
            submit.destroyForcibly();
            submit.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * kill -9 of spindle-submit with the ApplicationMaster inside it ({@code spindle.yarn.am.unmanaged}):
     * nothing of it can act any more, so its executors must notice on their own that the driver is gone
     * and end, rather than hold their containers until YARN expires the application.
     */
    @Test
    @DisplayName("spindle-submit with the AM inside killed -9 — its executors notice and end")
    void executorsOfAKilledUnmanagedApplicationMasterEndOnTheirOwn(EmbeddedCluster cluster,
                                                                  @TempDir java.nio.file.Path dir) throws Exception {
        Process submit = startSlowJob(cluster, dir, "--conf", "spindle.yarn.am.unmanaged=true");
        org.apache.hadoop.yarn.api.records.ApplicationId app = null;
        try {
            app = awaitContainers(cluster, submit, dir, 2);
            org.apache.hadoop.yarn.api.records.ApplicationId id = app;
            assertTrue(cluster.applications().stream().filter(r -> r.getApplicationId().equals(id)).findFirst()
                    .orElseThrow().isUnmanagedApp(), "no AM container: the AM runs in spindle-submit");
            // Killed once both executors run its tasks, not while they still connect to it.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (countLines(cluster.containerLogs(app, "stderr"), "registered with the driver") < 2) {
                assertTrue(System.nanoTime() < deadline, "the executors did not register within 2 minutes");
                TimeUnit.MILLISECONDS.sleep(200);
            }

            Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(submit.pid())).inheritIO().start();
            assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -KILL failed");
            assertTrue(submit.waitFor(30, TimeUnit.SECONDS), "spindle-submit survived kill -9");
            assertEquals(137, submit.exitValue());

            // The kernel closes the killed process's connections, which the executors see at once; were
            // its host gone instead, 5 s of silence would end them. Bounded well above either.
            awaitNoContainers(cluster, app, System.nanoTime() + TimeUnit.MINUTES.toNanos(2));
            List<String> logs = cluster.containerLogs(app, "stderr");
            assertEquals(2, countLines(logs, "lost the driver at") + countLines(logs, "heard nothing from the driver"),
                    "each executor says why it ends:\n" + String.join("\n", logs));

            // Nothing unregisters the application: YARN ends it at the AM liveness expiry, FAILED and with
            // no second attempt (an unmanaged AM gets none), as the README says.
            ApplicationReport ended = awaitFinished(cluster, app, System.nanoTime() + TimeUnit.MINUTES.toNanos(2));
            assertEquals(YarnApplicationState.FAILED, ended.getYarnApplicationState(), ended.getDiagnostics());
            assertEquals(1, ended.getCurrentApplicationAttemptId().getAttemptId(), "no second attempt");
        } finally {
            submit.destroyForcibly();
            submit.waitFor(30, TimeUnit.SECONDS);
            if (app != null) {
                // YARN keeps an unmanaged application until its AM liveness expiry (ten minutes by
                // default), and no process of it is left to remove its staging directory: both ended
                // here, as the README tells a user to.
                cluster.killApplications(List.of(app));
                FileSystem fs = cluster.fileSystem();
                fs.delete(new Path(fs.getHomeDirectory(), ".spindle-staging/" + app), true);
            }
        }
    }

    private static long countLines(List<String> logs, String text) {
        return logs.stream().flatMap(String::lines).filter(l -> l.contains(text)).count();
    }

    /** spindle-submit in client mode running {@code Fail slow} on two executors, with a 5 s network timeout. */
    private static Process startSlowJob(EmbeddedCluster cluster, java.nio.file.Path dir, String... extra)
            throws Exception {
        java.nio.file.Path confDir = Files.createDirectories(dir.resolve("conf"));
        cluster.writeClientConf(confDir);
        List<String> command = new java.util.ArrayList<>(List.of(HOME.resolve("bin/spindle-submit").toString(),
                "--num-executors", "2", "--conf", "spindle.network.timeout=5s",
                "--conf", "spindle.executor.heartbeatInterval=500ms"));
        command.addAll(List.of(extra));
        command.addAll(List.of("--class", "dev.spindle.examples.Fail", Submitter.EXAMPLES_JAR, "slow"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().remove("YARN_CONF_DIR");
        pb.environment().put("HADOOP_CONF_DIR", confDir.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    /** The running application, once it has {@code n} container JVMs (at most 3 minutes). */
    private static org.apache.hadoop.yarn.api.records.ApplicationId awaitContainers(EmbeddedCluster cluster,
            Process submit, java.nio.file.Path dir, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        org.apache.hadoop.yarn.api.records.ApplicationId app = null;
        while (app == null || cluster.containerJvms(app).size() < n) {
            assertTrue(submit.isAlive(), "spindle-submit ended early:\n" + Files.readString(dir.resolve("stderr.txt")));
            assertTrue(System.nanoTime() < deadline, "no " + n + " containers within 3 minutes");
            List<ApplicationReport> live = cluster.unfinishedApplications();
            app = live.isEmpty() ? null : live.get(0).getApplicationId();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return app;
    }

    private static ApplicationReport awaitFinished(EmbeddedCluster cluster,
                                                   org.apache.hadoop.yarn.api.records.ApplicationId app, long deadline)
            throws Exception {
        while (true) {
            ApplicationReport r = cluster.applications().stream().filter(a -> a.getApplicationId().equals(app))
                    .findFirst().orElseThrow();
            YarnApplicationState state = r.getYarnApplicationState();
            if (state == YarnApplicationState.FINISHED || state == YarnApplicationState.FAILED
                    || state == YarnApplicationState.KILLED) {
                return r;
            }
            assertTrue(System.nanoTime() < deadline, "the application is still " + state);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static void awaitNoContainers(EmbeddedCluster cluster, org.apache.hadoop.yarn.api.records.ApplicationId app,
                                          long deadline) throws InterruptedException {
        while (!cluster.containerJvms(app).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "containers outlive the application: "
                    + cluster.containerJvms(app));
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** Starts spindle-submit, sends it SIG{@code signal} once its save is under way, and reports what is left. */
    private static Interrupted interrupt(EmbeddedCluster cluster, java.nio.file.Path dir, String mode, String signal,
                                         String out) throws Exception {
        java.nio.file.Path confDir = Files.createDirectories(dir.resolve("conf"));
        cluster.writeClientConf(confDir);
        java.nio.file.Path signals = Files.createDirectories(dir.resolve("signals"));
        java.nio.file.Path stdout = dir.resolve("stdout.txt");
        java.nio.file.Path stderr = dir.resolve("stderr.txt");
        // A signal ignored when a process starts stays ignored across exec, and Java then installs no
        // handler for it: Maven started in the background by a shell without job control (as CI may be)
        // passes SIGINT on ignored. A user's terminal does not, so the test restores the default first.
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=" + signal,
                HOME.resolve("bin/spindle-submit").toString(), "--deploy-mode", mode,
                "--num-executors", "1", "--class", "dev.spindle.examples.Fail", Submitter.EXAMPLES_JAR, "save",
                signals.toString(), out)
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().remove("YARN_CONF_DIR");
        pb.environment().put("HADOOP_CONF_DIR", confDir.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process submit = pb.start();
        try {
            assertNotIgnored(signal, submit.pid());
            awaitFile(signals.resolve("saving"), submit, stderr);
            FileSystem fs = cluster.fileSystem();
            assertTrue(fs.exists(new Path(out, "_temporary")), "the save has uncommitted output when the signal comes");
            List<ApplicationReport> live = cluster.unfinishedApplications();
            assertEquals(1, live.size(), "one running application: " + live);
            String appId = live.get(0).getApplicationId().toString();

            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(submit.pid())).inheritIO().start();
            assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " failed");
            assertTrue(submit.waitFor(2, TimeUnit.MINUTES), "spindle-submit still runs 2 minutes after SIG" + signal
                    + ":\n" + Files.readString(stderr, StandardCharsets.UTF_8));

            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            System.out.println("---- spindle-submit after SIG" + signal + " -> " + submit.exitValue() + "\n"
                    + Files.readString(stdout, StandardCharsets.UTF_8) + err);
            YarnApplicationState state = cluster.applications().stream()
                    .filter(r -> r.getApplicationId().toString().equals(appId)).findFirst()
                    .orElseThrow(() -> new AssertionError("the ResourceManager forgot " + appId))
                    .getYarnApplicationState();
            return new Interrupted(submit.exitValue(), appId, state, err, fs.exists(new Path(out)));
        } finally {
            submit.destroyForcibly();
        }
    }

    /**
     * That the signal reaches spindle-submit's JVM (env restored its default), said in one sentence
     * rather than as a two-minute wait for an exit that cannot come.
     */
    private static void assertNotIgnored(String signal, long pid) throws Exception {
        java.nio.file.Path status = java.nio.file.Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return;
        }
        int number = signal.equals("INT") ? 2 : 15;
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                assertEquals(0, ignored & (1L << (number - 1)), "SIG" + signal + " is ignored in processes this "
                        + "test starts (inherited from how Maven was started, e.g. in the background without job "
                        + "control), so spindle-submit cannot receive it; run Maven in the foreground or under "
                        + "'env --default-signal=" + signal + "'");
            }
        }
    }

    private static List<String> interruptLines(String err) {
        return err.lines().filter(l -> l.startsWith("spindle-submit: interrupted")).toList();
    }

    private static void awaitFile(java.nio.file.Path file, Process submit, java.nio.file.Path stderr)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(file)) {
            if (!submit.isAlive()) {
                throw new AssertionError("spindle-submit ended (" + submit.exitValue() + ") before "
                        + file.getFileName() + ":\n" + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            assertTrue(System.nanoTime() < deadline, "no " + file + " within 3 minutes");
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
