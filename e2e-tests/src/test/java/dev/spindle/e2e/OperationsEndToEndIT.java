package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.ExpectContainerErrors;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What running jobs on a shared cluster takes besides running them: shipping dependencies, the
 * containers' environment, the framework cache, listing applications, and the logs of failed
 * containers, on a cluster that aggregates its logs as real ones do.
 */
@SpindleClusterTest(conf = "yarn.log-aggregation-enable=true")
class OperationsEndToEndIT {
    @TempDir
    static java.nio.file.Path work;
    private static java.nio.file.Path jobJar;
    private static java.nio.file.Path extraJar;
    private static java.nio.file.Path codes;
    private static java.nio.file.Path dict;

    @BeforeAll
    static void buildTheJobApartFromItsLibrary() throws Exception {
        extraJar = TestJars.compile(work, "greeter.jar", List.of("com.acme.lib"), List.of());
        jobJar = TestJars.compile(work, "job.jar", List.of("com.acme.jobs"), List.of(extraJar));
        codes = Files.writeString(work.resolve("codes-v1.txt"), "A=alpha\n");
        dict = TestJars.zip(work.resolve("dict.zip"), "words.txt", "aardvark\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void jarsFilesArchivesAndEnvironmentReachTheDriverAndTheExecutors(String mode, EmbeddedCluster cluster)
            throws Exception {
        Submitter submitter = new Submitter(cluster);
        Submitter.Run run = submitter.submit("--deploy-mode", mode, "--jars", extraJar.toString(),
                "--files", codes + "#codes", "--archives", dict + "#dict",
                "--conf", "spindle.executorEnv.SPINDLE_GREETING=from-executor-env",
                "--conf", "spindle.yarn.appMasterEnv.SPINDLE_GREETING=from-am-env",
                "--class", "com.acme.jobs.ShippedFilesJob", jobJar.toString());
        assertEquals(0, run.exitCode(), run.err());
        String app = run.result().applicationId();

        String driverOut;
        if (mode.equals("client")) {
            driverOut = run.jobOut();
        } else {
            // The driver ran in the AM's container: its stdout, as YARN aggregated it, through --logs.
            Submitter.Run logs = submitter.submit("--logs", app);
            assertEquals(0, logs.exitCode(), logs.err());
            driverOut = logs.out();
        }
        String env = mode.equals("client") ? "null" : "from-am-env";
        assertTrue(driverOut.contains("driver: hello driver from the extra jar; codes=A=alpha; dict=aardvark; env="
                + env), driverOut);
        assertTrue(driverOut.contains("executors: hello task from the extra jar; codes=A=alpha; dict=aardvark; "
                + "env=from-executor-env"), driverOut);
        PiEndToEndIT.assertStagingCleaned(cluster);
    }

    @Test
    void clashingLinkNamesAreRefusedBeforeAnythingIsSubmitted(EmbeddedCluster cluster) throws Exception {
        java.nio.file.Path other = Files.writeString(work.resolve("other.txt"), "x");
        int before = cluster.applications().size();
        Submitter.Run run = new Submitter(cluster).submit("--files", codes + "#codes," + other + "#codes",
                "--class", "com.acme.jobs.ShippedFilesJob", jobJar.toString());
        assertEquals(2, run.exitCode());
        assertEquals("spindle-submit: --files " + codes.toUri() + " and --files " + other.toUri()
                + " would both be linked as codes: give one another name with #name\n", run.err());
        assertEquals(before, cluster.applications().size(), "nothing was submitted");
    }

    @Test
    void theSecondSubmitUploadsNoSpindleJar(EmbeddedCluster cluster) throws Exception {
        Submitter submitter = new Submitter(cluster);
        assertEquals(0, submitter.submit("--class", "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR, "2").exitCode());
        Map<String, Long> cached = cacheFiles(cluster.fileSystem());
        assertTrue(cached.keySet().stream().anyMatch(f -> f.endsWith("/spindle-core.jar")), cached.toString());

        Submitter.Run again = submitter.submit("--deploy-mode", "cluster", "--class", "dev.spindle.examples.Pi",
                Submitter.EXAMPLES_JAR, "2");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(cached, cacheFiles(cluster.fileSystem()), "the same files, none written again");
        assertEquals(1, cached.keySet().stream().map(f -> f.substring(0, f.lastIndexOf('/'))).distinct().count(),
                "one build, one directory: " + cached.keySet());
    }

    /** Every file under the framework cache, with its modification time. */
    private static Map<String, Long> cacheFiles(FileSystem fs) throws Exception {
        Path root = new Path(fs.getHomeDirectory(), ".spindle/framework");
        Map<String, Long> out = new TreeMap<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
            FileStatus st = it.next();
            out.put(st.getPath().toUri().getPath(), st.getModificationTime());
        }
        return out;
    }

    @Test
    void listShowsTheUsersRunningApplications(EmbeddedCluster cluster, @TempDir java.nio.file.Path markers)
            throws Exception {
        CompletableFuture<Submitter.Run> running = PausedJobs.pausedAfterMapStage(cluster, markers,
                "--deploy-mode", "cluster", "--conf", "spindle.yarn.tags=nightly,team-a");
        String app = PausedJobs.onlyRunningApplication(cluster).toString();
        Submitter.Run list = new Submitter(cluster).submit("--list");
        Files.writeString(markers.resolve("go"), "");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(app) && l.contains("RUNNING")
                && l.contains("dev.spindle.examples.Fail")), list.out());
        assertEquals(java.util.Set.of("nightly", "team-a"), cluster.applications().stream()
                .filter(r -> r.getApplicationId().toString().equals(app)).findFirst().orElseThrow()
                .getApplicationTags());
        assertEquals(0, running.get().exitCode(), running.get().err());

        Submitter.Run none = new Submitter(cluster).submit("--list");
        assertEquals(0, none.exitCode());
        assertTrue(none.out().contains("has no running Spindle applications"), none.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void theTrackingUrlServesTheUiAndItsJsonApiThroughTheProxy(String mode, EmbeddedCluster cluster,
                                                               @TempDir java.nio.file.Path markers) throws Exception {
        CompletableFuture<Submitter.Run> running = PausedJobs.pausedAfterMapStage(cluster, markers,
                "--deploy-mode", mode, "--conf", "spindle.executor.heartbeatInterval=300ms");
        org.apache.hadoop.yarn.api.records.ApplicationReport report = cluster.unfinishedApplications().get(0);
        String app = report.getApplicationId().toString();
        String tracking = report.getTrackingUrl();
        try {
            assertTrue(tracking.contains("/proxy/" + app), "YARN's proxy fronts the UI: " + tracking);
            String base = tracking.endsWith("/") ? tracking : tracking + "/";
            List<?> stages = (List<?>) dev.spindle.util.Json.parse(Http.get(base + "api/v1/applications/" + app
                    + "/stages"));
            Map<?, ?> first = (Map<?, ?>) stages.get(0);
            assertEquals("COMPLETE", first.get("state"), "the paused job's first stage is done: " + stages);
            assertEquals(first.get("tasks"), first.get("done"));
            String jobsPage = Http.get(base);
            assertTrue(jobsPage.contains(app) && jobsPage.contains("dev.spindle.examples.Fail"), jobsPage);
            String executors = Http.get(base + "executors/");
            assertTrue(executors.contains("container_"), executors);
            // Heartbeats carry each executor's JVM figures: its heap's maximum is there once one came.
            long heapMax = dev.spindle.testcluster.Poll.until("executor heap figures", java.time.Duration.ofSeconds(30),
                    () -> {
                        Map<?, ?> executor = (Map<?, ?>) ((List<?>) dev.spindle.util.Json.parse(Http.get(base
                                + "api/v1/applications/" + app + "/executors"))).get(0);
                        assertTrue(((Number) executor.get("gcMillis")).longValue() >= 0);
                        long max = ((Number) executor.get("heapMaxBytes")).longValue();
                        return max == 0 ? null : max;
                    });
            assertTrue(heapMax > 256L << 20, "an executor's heap maximum (1g asked): " + heapMax);
            String environment = Http.get(base + "environment/");
            assertTrue(environment.contains("spindle.submit.deployMode") && environment.contains(mode), environment);
        } finally {
            Files.writeString(markers.resolve("go"), "");
        }
        Submitter.Run run = running.get();
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(java.util.regex.Pattern.compile("spindle-submit: stage 0 \\(.+\\) of job 0: \\d+ tasks")
                .matcher(run.out()).find(), "progress lines, as output is no terminal: " + run.out());
        assertTrue(run.out().contains("spindle-submit: stage 0 (shuffle 0 map) finished in "), run.out());
    }

    @Test
    void aFinishedApplicationIsServedByTheHistoryServer(EmbeddedCluster cluster) throws Exception {
        FileSystem fs = cluster.fileSystem();
        Path dir = fs.makeQualified(new Path("/spindle-events"));
        try (dev.spindle.ui.HistoryServer history = dev.spindle.ui.HistoryServer.start(fs, dir, "127.0.0.1", 0,
                "127.0.0.1")) {
            Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", "cluster",
                    "--conf", "spindle.eventLog.dir=" + dir, "--conf", "spindle.history.address=127.0.0.1:"
                            + history.port(), "--class", "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR, "4");
            assertEquals(0, run.exitCode(), run.err());
            String app = run.result().applicationId();
            String finalUrl = cluster.applications().stream().filter(r -> r.getApplicationId().toString().equals(app))
                    .findFirst().orElseThrow().getOriginalTrackingUrl();
            assertEquals("http://127.0.0.1:" + history.port() + "/history/" + app + "/", finalUrl,
                    "a finished application's tracking URL is its history page");
            assertTrue(Http.get(history.url()).contains(app));
            String jobs = Http.get(finalUrl);
            assertTrue(jobs.contains(app) && jobs.contains("SUCCEEDED"), jobs);
            List<?> stages = (List<?>) dev.spindle.util.Json.parse(Http.get(finalUrl + "api/v1/applications/" + app
                    + "/stages"));
            Map<?, ?> stage = (Map<?, ?>) stages.get(0);
            assertEquals("COMPLETE", stage.get("state"));
            assertEquals(4L, stage.get("done"));
            assertTrue(Http.get(finalUrl + "executors/").contains("container_"));
        }
    }

    @Test
    @ExpectContainerErrors("the ApplicationMaster's JVM refuses an option and never starts")
    void aFailingApplicationMastersStderrIsShown(EmbeddedCluster cluster) throws Exception {
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", "cluster",
                "--conf", "spindle.yarn.maxAppAttempts=1", "--driver-java-options", "-XX:+NoSuchSpindleFlag",
                "--class", "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR);
        assertEquals(1, run.exitCode());
        String app = run.result().applicationId();
        assertTrue(run.err().contains("the last lines of container container_"), run.err());
        assertTrue(run.err().contains("(all of its logs: spindle-submit --logs " + app + " --container container_"),
                run.err());
        assertTrue(run.err().contains("  | Unrecognized VM option 'NoSuchSpindleFlag'"), run.err());
    }

    @Test
    @ExpectContainerErrors("executors' JVMs refuse an option and never start")
    void aFailingExecutorsStderrIsShownAndLogsPrintsIt(EmbeddedCluster cluster) throws Exception {
        Submitter submitter = new Submitter(cluster);
        Submitter.Run run = submitter.submit("--conf", "spindle.yarn.maxExecutorFailures=1",
                "--conf", "spindle.executor.extraJavaOptions=-XX:+NoSuchExecutorFlag",
                "--class", "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR);
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("executor containers failed, more than 1 allowed"), run.err());
        String container = run.err().lines().filter(l -> l.contains("the last lines of container")).findFirst()
                .map(l -> l.replaceAll(".*the last lines of container (\\S+)'s stderr.*", "$1")).orElseThrow(
                        () -> new AssertionError("no stderr of the failed container: " + run.err()));
        assertTrue(run.err().contains("  | Unrecognized VM option 'NoSuchExecutorFlag'"), run.err());
        assertTrue(run.err().contains("last: executor") && run.err().contains(container), run.err());

        Submitter.Run logs = submitter.submit("--logs", run.result().applicationId(), "--container", container);
        assertEquals(0, logs.exitCode(), logs.err());
        assertTrue(logs.out().contains("LogType:stderr") && logs.out().contains("NoSuchExecutorFlag"), logs.out());

        Submitter.Run unknown = submitter.submit("--logs", "application_1_0001");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().startsWith("spindle-submit: the ResourceManager at "), unknown.err());
    }
}
