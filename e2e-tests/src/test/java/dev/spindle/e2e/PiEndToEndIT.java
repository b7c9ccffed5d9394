package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SpindleClusterTest
class PiEndToEndIT {
    private static final Pattern PI = Pattern.compile("Pi is roughly ([0-9.]+)");

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void piIsCloseToPiWithTasksOnBothExecutors(String mode, EmbeddedCluster cluster) throws Exception {
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", mode, "--num-executors", "2",
                "--class", "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR, "20");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("SUCCEEDED", run.result().finalStatus());
        assertNotNull(run.result().summary(), "the driver's summary reaches spindle-submit");
        assertEquals(20, run.result().summary().tasks());
        assertTrue(run.result().summary().executorsUsed() > 1,
                "tasks ran on " + run.result().summary().tasksByExecutor());

        String driverOutput = mode.equals("client") ? run.jobOut()
                : String.join("\n", cluster.containerLogs(ApplicationId.fromString(run.result().applicationId()), "stdout"));
        Matcher m = PI.matcher(driverOutput);
        assertTrue(m.find(), "no Pi line in the driver's output: " + driverOutput);
        assertEquals(Math.PI, Double.parseDouble(m.group(1)), 0.1);

        assertStagingCleaned(cluster);
    }

    @Test
    void clientModeWithTheApplicationMasterInsideSpindleSubmit(EmbeddedCluster cluster) throws Exception {
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", "client", "--num-executors", "2",
                "--conf", "spindle.yarn.am.unmanaged=true", "--class", "dev.spindle.examples.Pi",
                Submitter.EXAMPLES_JAR, "20");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("SUCCEEDED", run.result().finalStatus());
        assertEquals(20, run.result().summary().tasks());
        assertTrue(run.result().summary().executorsUsed() > 1,
                "tasks ran on " + run.result().summary().tasksByExecutor());
        Matcher m = PI.matcher(run.jobOut());
        assertTrue(m.find(), "no Pi line in the driver's output: " + run.jobOut());
        assertEquals(Math.PI, Double.parseDouble(m.group(1)), 0.1);
        ApplicationId app = ApplicationId.fromString(run.result().applicationId());
        ApplicationReport report = cluster.applications().stream().filter(r -> r.getApplicationId().equals(app))
                .findFirst().orElseThrow();
        assertTrue(report.isUnmanagedApp(), "YARN ran no AM container for it");
        assertEquals(FinalApplicationStatus.SUCCEEDED, report.getFinalApplicationStatus());
        assertStagingCleaned(cluster);

        // A job that fails ends its application as FAILED through the same AM, without waiting for YARN.
        Submitter.Run failed = new Submitter(cluster).submit("--deploy-mode", "client", "--conf",
                "spindle.yarn.am.unmanaged=true", "--conf", "spindle.task.maxFailures=1", "--class",
                "dev.spindle.examples.Fail", Submitter.EXAMPLES_JAR, "task");
        assertEquals(1, failed.exitCode(), failed.err());
        assertEquals("FAILED", failed.result().finalStatus());
        assertTrue(failed.result().diagnostics().contains("boom in a task on element 3"), failed.result().diagnostics());
        assertStagingCleaned(cluster);
    }

    static void assertStagingCleaned(EmbeddedCluster cluster) throws Exception {
        FileSystem fs = cluster.fileSystem();
        Path staging = new Path(fs.getHomeDirectory(), ".spindle-staging");
        List<String> left = fs.exists(staging)
                ? java.util.Arrays.stream(fs.listStatus(staging)).map(s -> s.getPath().getName()).toList()
                : List.of();
        assertFalse(left.size() > 0, "staging directories left behind: " + left);
    }
}
