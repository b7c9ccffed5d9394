package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node lost in the middle of a job: the NodeManager of one executor is stopped after the map stage,
 * which kills its containers and removes its map outputs from disk. The next job on that shuffle gets
 * the right answer all the same (the lost outputs are recomputed on the nodes left), and the lost
 * containers are not counted as the application's failures. Cluster mode, so that a stopped node that
 * also ran the ApplicationMaster is survived too (by the next attempt).
 */
@SpindleClusterTest(nodes = 3)
class NodeLossEndToEndIT {
    private static final long SUM = 20_000L * 20_001 / 2;

    @Test
    void aNodeManagerStoppedMidJobLosesNoAnswer(EmbeddedCluster cluster, @TempDir Path dir) throws Exception {
        Submitter submitter = new Submitter(cluster);
        CompletableFuture<Submitter.Run> running = CompletableFuture.supplyAsync(() -> submitter.submit(
                "--deploy-mode", "cluster", "--num-executors", "3", "--class", "dev.spindle.examples.Fail",
                Submitter.EXAMPLES_JAR, "pause", dir.toString()));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(dir.resolve("mapped"))) {
            assertTrue(!running.isDone(), () -> "the job ended before its map stage: " + running.join().err());
            assertTrue(System.nanoTime() < deadline, "no map stage within 3 minutes");
            TimeUnit.MILLISECONDS.sleep(50);
        }
        List<ApplicationReport> live = cluster.unfinishedApplications();
        assertEquals(1, live.size(), "one running application: " + live);
        ApplicationId app = live.get(0).getApplicationId();
        List<ContainerId> executors = cluster.faults().executors(app);
        int amNode = cluster.faults().nodeOf(ContainerId.newContainerId(
                live.get(0).getCurrentApplicationAttemptId(), 1));
        // An executor's node other than the AM's when there is one: the driver's own recovery is the point.
        ContainerId victim = executors.stream().filter(c -> cluster.faults().nodeOf(c) != amNode).findFirst()
                .orElse(executors.get(0));
        int node = cluster.faults().stopNodeManagerOf(victim);
        System.out.println("stopped NodeManager " + node + " (the AM's: " + (node == amNode) + ") under " + victim);
        Files.writeString(dir.resolve("go"), "");

        Submitter.Run run = running.get(5, TimeUnit.MINUTES);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Long.toString(2 * SUM), Files.readString(dir.resolve("result")), "the second job's answer");

        // The node comes back: the ResourceManager counts three running nodes, and the next application runs.
        cluster.restartNodeManager(node);
        try (org.apache.hadoop.yarn.client.api.YarnClient yarn =
                     org.apache.hadoop.yarn.client.api.YarnClient.createYarnClient()) {
            yarn.init(cluster.clientConf());
            yarn.start();
            assertEquals(3, yarn.getNodeReports(org.apache.hadoop.yarn.api.records.NodeState.RUNNING).size());
        }
        Submitter.Run pi = submitter.submit("--num-executors", "3", "--class", "dev.spindle.examples.Pi",
                Submitter.EXAMPLES_JAR, "6");
        assertEquals(0, pi.exitCode(), pi.err());
    }
}
