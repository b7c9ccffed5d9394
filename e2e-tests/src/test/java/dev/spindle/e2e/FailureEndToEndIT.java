package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SpindleClusterTest
class FailureEndToEndIT {

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void aTaskThatThrowsFailsTheApplicationWithTheUsersException(String mode, EmbeddedCluster cluster)
            throws Exception {
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", mode, "--conf", "spindle.task.maxFailures=2",
                "--class", "dev.spindle.examples.Fail", Submitter.EXAMPLES_JAR, "task");

        assertEquals(1, run.exitCode());
        assertEquals("FAILED", run.result().finalStatus());
        assertTrue(run.result().diagnostics().contains("java.lang.IllegalStateException: boom in a task on element 3"),
                run.result().diagnostics());
        assertTrue(run.err().contains("java.lang.IllegalStateException: boom in a task on element 3"), run.err());
        assertTrue(run.result().diagnostics().contains("failed 2 times"), run.result().diagnostics());
        assertFalse(run.err().contains("\tat "), "no stack trace without --verbose: " + run.err());
        PiEndToEndIT.assertStagingCleaned(cluster);
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void aStackOverflowInATaskFailsTheJobNamingTheErrorInsteadOfHanging(String mode, EmbeddedCluster cluster)
            throws Exception {
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", mode, "--conf", "spindle.task.maxFailures=2",
                "--class", "dev.spindle.examples.Fail", Submitter.EXAMPLES_JAR, "overflow");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("java.lang.StackOverflowError"), run.err());
        assertTrue(run.result().diagnostics().contains("failed 2 times"), run.result().diagnostics());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3"})
    void aTaskCallingSystemExitFailsAfterMaxFailuresNamingIt(String status, EmbeddedCluster cluster) throws Exception {
        // Each attempt ends an executor; counted as the task's failures, they end the job instead of
        // churning through replacement executors without end.
        Submitter.Run run = new Submitter(cluster).submit("--conf", "spindle.task.maxFailures=2", "--class",
                "dev.spindle.examples.Fail", Submitter.EXAMPLES_JAR, "exit", status);
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("failed 2 times") && run.err().contains("java.lang.System.exit: the task called "
                + "System.exit"), run.err());
    }

    @Test
    void anErrorThatLeavesTheJvmUnusableEndsTheExecutorWithItsNamedExitCode(EmbeddedCluster cluster)
            throws Exception {
        // Three attempts: the third needs a replacement executor, which the AM asks for only after it
        // heard (and logged) how the first two containers ended.
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", "cluster", "--conf",
                "spindle.task.maxFailures=3", "--class", "dev.spindle.examples.Fail", Submitter.EXAMPLES_JAR, "internal");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("java.lang.InternalError: boom in the JVM on element 2"), run.err());
        ApplicationId app = ApplicationId.fromString(run.result().applicationId());
        String logs = String.join("\n", cluster.containerLogs(app, "stderr"));
        assertTrue(logs.contains("which leaves the JVM unusable; exiting with 53"), "the executor says why it exits");
        assertTrue(logs.contains("failed with exit status 53 (JVM_UNUSABLE"), "the AM names the exit code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void anExceptionInTheDriverReachesTheUser(String mode, EmbeddedCluster cluster) throws Exception {
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", mode, "--class", "dev.spindle.examples.Fail",
                Submitter.EXAMPLES_JAR, "driver");

        assertEquals(1, run.exitCode());
        assertEquals("FAILED", run.result().finalStatus());
        assertTrue(run.err().contains("java.lang.IllegalArgumentException: boom in the driver"), run.err());
        PiEndToEndIT.assertStagingCleaned(cluster);
    }

    /**
     * A cluster-mode driver that cannot start (its port is taken), while the AM registers in parallel:
     * the application fails on its last attempt naming why, rather than hanging or failing as an AM
     * that could not register, and its staging directory is removed.
     */
    @Test
    void aClusterModeDriverThatCannotStartFailsTheApplicationSayingWhy(EmbeddedCluster cluster) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", "cluster",
                    "--conf", "spindle.driver.port=" + taken.getLocalPort(), "--class", "dev.spindle.examples.Pi",
                    Submitter.EXAMPLES_JAR, "2");

            assertEquals(1, run.exitCode());
            assertEquals("FAILED", run.result().finalStatus());
            assertTrue(run.err().contains("the driver could not start")
                    && run.err().contains(":" + taken.getLocalPort() + ": Address already in use"), run.err());
            String logs = String.join("\n", cluster.containerLogs(
                    ApplicationId.fromString(run.result().applicationId()), "stderr"));
            assertFalse(logs.contains("could not register with the ResourceManager"), logs);
        }
        PiEndToEndIT.assertStagingCleaned(cluster);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--executor-memory", "--driver-memory"})
    void aRequestLargerThanTheClusterAllowsIsRefusedBeforeSubmission(String option, EmbeddedCluster cluster)
            throws Exception {
        List<ApplicationReport> before = applications(cluster);
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", "cluster", option, "64g",
                "--class", "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR);

        assertEquals(1, run.exitCode());
        assertNull(run.result().applicationId());
        // Both numbers: what was asked for and what the cluster allows.
        assertTrue(run.err().contains("72090 MiB") && run.err().contains("8192 MiB"), run.err());
        assertEquals(1, run.err().lines().count(), "one sentence: " + run.err());
        assertEquals(before.size(), applications(cluster).size(), "nothing was submitted");
        PiEndToEndIT.assertStagingCleaned(cluster);
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void killEndsARunningApplicationKilled(String mode, EmbeddedCluster cluster) throws Exception {
        Submitter submitter = new Submitter(cluster);
        CompletableFuture<Submitter.Run> slow = CompletableFuture.supplyAsync(() -> submitter.submit(
                "--deploy-mode", mode, "--class", "dev.spindle.examples.Fail", Submitter.EXAMPLES_JAR, "slow"));
        String appId = awaitRunningApplication(cluster, 60_000);

        Submitter.Run kill = submitter.submit("--kill", appId);
        assertEquals(0, kill.exitCode(), kill.err());
        assertEquals("KILLED", kill.result().finalStatus());

        Submitter.Run killed = slow.get(60, TimeUnit.SECONDS);
        assertEquals(1, killed.exitCode());
        assertEquals("KILLED", killed.result().finalStatus());

        Submitter.Run status = submitter.submit("--status", appId);
        assertEquals(0, status.exitCode());
        assertTrue(status.out().contains("KILLED"), status.out());
        PiEndToEndIT.assertStagingCleaned(cluster);
    }

    @Test
    void statusAndKillOfAnUnknownApplicationSayWhich(EmbeddedCluster cluster) throws Exception {
        Submitter submitter = new Submitter(cluster);
        for (String action : new String[]{"--status", "--kill"}) {
            Submitter.Run run = submitter.submit(action, "application_1_0042");
            assertEquals(1, run.exitCode());
            assertTrue(run.err().contains("knows no application application_1_0042"), run.err());
        }
        Submitter.Run malformed = submitter.submit("--status", "app-42");
        assertEquals(2, malformed.exitCode());
        assertTrue(malformed.err().contains("'app-42' is not an application id"), malformed.err());
    }

    private static List<ApplicationReport> applications(EmbeddedCluster cluster) throws Exception {
        try (YarnClient yc = YarnClient.createYarnClient()) {
            yc.init(cluster.clientConf());
            yc.start();
            return yc.getApplications();
        }
    }

    private static String awaitRunningApplication(EmbeddedCluster cluster, long timeoutMillis) throws Exception {
        try (YarnClient yc = YarnClient.createYarnClient()) {
            yc.init(cluster.clientConf());
            yc.start();
            return dev.spindle.testcluster.Poll.until("application in state RUNNING",
                    java.time.Duration.ofMillis(timeoutMillis), () -> yc.getApplications(
                            EnumSet.of(YarnApplicationState.RUNNING)).stream().findFirst()
                            .map(r -> r.getApplicationId().toString()).orElse(null));
        }
    }
}
