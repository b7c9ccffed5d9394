package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.ExpectContainerErrors;
import dev.spindle.testcluster.SpindleClusterTest;
import dev.spindle.ui.HistoryServer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI in a real browser (headless Chromium): a running job's pages through the ResourceManager's
 * proxy, a finished one's through the history server. Screenshots land in {@code target/browser/}.
 */
@SpindleClusterTest
class BrowserIT {
    private static final java.nio.file.Path SHOTS = java.nio.file.Path.of(System.getProperty("spindle.home"),
            "e2e-tests", "target", "browser");
    @TempDir
    static java.nio.file.Path work;
    private static Chromium chromium;

    @BeforeAll
    static void browser() throws Exception {
        chromium = Chromium.findOrInstall(work);
    }

    @Test
    void aRunningJobsPagesThroughTheProxy(EmbeddedCluster cluster, @TempDir java.nio.file.Path markers)
            throws Exception {
        CompletableFuture<Submitter.Run> running = PausedJobs.pausedAfterMapStage(cluster, markers,
                "--deploy-mode", "cluster", "--num-executors", "2");
        ApplicationReport report = cluster.unfinishedApplications().get(0);
        String app = report.getApplicationId().toString();
        String ui = report.getTrackingUrl().endsWith("/") ? report.getTrackingUrl() : report.getTrackingUrl() + "/";
        try {
            String jobs = chromium.dom(ui);
            assertTrue(jobs.contains(app) && jobs.contains("<h1>Jobs</h1>"), jobs);
            String stages = chromium.dom(ui + "stages/");
            // The paused job has run its first job: a map stage and a result stage, both done.
            assertEquals(2, stages.split("class=\"COMPLETE\"").length - 1, stages);
            String executors = chromium.dom(ui + "executors/");
            assertEquals(2, executors.split(">ACTIVE<").length - 1, "two executors: " + executors);
            chromium.screenshot(ui + "stages/", SHOTS.resolve("running-stages.png"));
        } finally {
            Files.writeString(markers.resolve("go"), "");
        }
        assertEquals(0, running.get().exitCode(), running.get().err());
    }

    @Test
    @ExpectContainerErrors("the job's task throws on purpose")
    void aFinishedJobsFailedTaskThroughTheHistoryServer(EmbeddedCluster cluster) throws Exception {
        FileSystem fs = cluster.fileSystem();
        Path dir = fs.makeQualified(new Path("/browser-events"));
        try (HistoryServer history = HistoryServer.start(fs, dir, "127.0.0.1", 0, "127.0.0.1")) {
            Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", "cluster",
                    "--conf", "spindle.eventLog.dir=" + dir, "--conf", "spindle.task.maxFailures=2",
                    "--class", "dev.spindle.examples.Fail", Submitter.EXAMPLES_JAR, "task");
            assertEquals(1, run.exitCode());
            String app = run.result().applicationId();
            String index = chromium.dom(history.url());
            assertTrue(index.contains(app) && index.contains("FAILED"), index);
            String stage = chromium.dom(history.url() + "history/" + app + "/stage/?id=0");
            assertTrue(stage.contains("boom in a task on element"), "the failed task's message: " + stage);
            assertTrue(stage.contains("class=\"FAILED\""), stage);
            chromium.screenshot(history.url() + "history/" + app + "/stage/?id=0", SHOTS.resolve("failed-stage.png"));
            assertTrue(Files.size(SHOTS.resolve("failed-stage.png")) > 1000);
        }
    }
}
