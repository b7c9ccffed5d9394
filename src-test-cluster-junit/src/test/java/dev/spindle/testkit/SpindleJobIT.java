package dev.spindle.testkit;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import dev.spindle.testkit.jobs.SquaresJob;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test kit as a user's project uses it: a job class of the test's own, run in both deploy modes. */
@SpindleClusterTest
class SpindleJobIT {
    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void aJobFromTheTestsClassPathRunsAndReportsItsOutput(String mode, EmbeddedCluster cluster) {
        JobRun run = SpindleJob.of(SquaresJob.class).deployMode(mode).option("--num-executors", "1").args("100")
                .run(cluster);
        assertEquals(0, run.exitCode(), run.errors());
        assertTrue(run.succeeded());
        assertEquals("SUCCEEDED", run.finalStatus());
        assertNotNull(run.applicationId());
        assertTrue(run.driverOutput().contains("sum of squares = 338350"), run.driverOutput());
    }

    @org.junit.jupiter.api.Test
    void aFailingJobReportsWhy(EmbeddedCluster cluster) {
        JobRun run = SpindleJob.of(SquaresJob.class).args("not-a-number").run(cluster);
        assertEquals(1, run.exitCode());
        assertTrue(run.errors().contains("java.lang.NumberFormatException"), run.errors());
    }
}
