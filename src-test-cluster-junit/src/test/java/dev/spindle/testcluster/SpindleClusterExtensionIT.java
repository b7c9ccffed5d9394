package dev.spindle.testcluster;

import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@link SpindleClusterExtension}'s checks, on a real cluster: the cases below run through JUnit's
 * test kit, and this test reads how each ended.
 */
class SpindleClusterExtensionIT {
    /**
     * Prints what the JVM prints for an uncaught exception to stderr. No double quotes: the
     * NodeManager runs the command inside {@code bash -c "..."} ({@code \042} is printf's quote).
     */
    private static final String CRASH =
            "printf 'Exception in thread \\042main\\042 java.lang.IllegalStateException: planted\\n' >&2";

    /** Applications whose AM container is a shell command: no Spindle, just YARN. */
    static ApplicationId submit(EmbeddedCluster cluster, String shellCommand) throws Exception {
        try (YarnClient yc = YarnClient.createYarnClient()) {
            yc.init(cluster.clientConf());
            yc.start();
            YarnClientApplication app = yc.createApplication();
            ApplicationSubmissionContext ctx = app.getApplicationSubmissionContext();
            ctx.setApplicationName("extension-check");
            ctx.setMaxAppAttempts(1);
            ctx.setResource(Resource.newInstance(128, 1));
            ctx.setAMContainerSpec(ContainerLaunchContext.newInstance(Map.of(), Map.of(), List.of(
                    "{ " + shellCommand + "; } 1>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR
                            + "/stdout 2>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stderr"),
                    null, null, null));
            try {
                return yc.submitApplication(ctx);
            } catch (YarnException e) {
                // The client throws when its first look finds the application already FAILED: a shell AM
                // can end within the client's poll interval. The application was submitted all the same.
                YarnApplicationState state = yc.getApplicationReport(ctx.getApplicationId()).getYarnApplicationState();
                if (state != YarnApplicationState.FAILED) {
                    throw e;
                }
                return ctx.getApplicationId();
            }
        }
    }

    /** Waits (bounded) until the application is in one of {@code states}. */
    static void await(EmbeddedCluster cluster, ApplicationId id, EnumSet<YarnApplicationState> states) throws Exception {
        try (YarnClient yc = YarnClient.createYarnClient()) {
            yc.init(cluster.clientConf());
            yc.start();
            Poll.until(id + " in " + states, java.time.Duration.ofMinutes(2),
                    () -> states.contains(yc.getApplicationReport(id).getYarnApplicationState()) ? true : null);
        }
    }

    /** The cases, run only through the test kit (a nested class: the build's test patterns skip it). */
    @SpindleClusterTest
    static class Cases {
        static final EnumSet<YarnApplicationState> ENDED = EnumSet.of(YarnApplicationState.FINISHED,
                YarnApplicationState.FAILED, YarnApplicationState.KILLED);
        static volatile ApplicationId leaked;

        @Test
        void leavesAnApplicationRunning(EmbeddedCluster cluster) throws Exception {
            leaked = submit(cluster, "exec sleep 600");
            await(cluster, leaked, EnumSet.of(YarnApplicationState.ACCEPTED, YarnApplicationState.RUNNING));
        }

        @Test
        void aContainerCrashes(EmbeddedCluster cluster) throws Exception {
            await(cluster, submit(cluster, CRASH + "; exit 1"), ENDED);
        }

        @Test
        @ExpectContainerErrors("the container's crash is the point")
        void aContainerCrashesAsExpected(EmbeddedCluster cluster) throws Exception {
            await(cluster, submit(cluster, CRASH + "; exit 1"), ENDED);
        }

        @Test
        void aContainerEndsCleanly(EmbeddedCluster cluster) throws Exception {
            await(cluster, submit(cluster, "echo all is well; exit 1"), ENDED);
        }
    }

    @Test
    void failsTestsThatLeakApplicationsOrCrashContainersUnlessTheyExpectIt() throws Exception {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Cases.class)).execute()
                .testEvents();
        Map<String, String> outcome = new TreeMap<>();
        for (Event e : tests.finished().list()) {
            TestExecutionResult r = e.getPayload(TestExecutionResult.class).orElseThrow();
            Optional<Throwable> t = r.getThrowable();
            outcome.put(e.getTestDescriptor().getDisplayName(), r.getStatus() + t.map(x -> ": " + x.getMessage()).orElse(""));
        }
        assertEquals(4, outcome.size(), outcome.toString());
        assertEquals("SUCCESSFUL", outcome.get("aContainerEndsCleanly(EmbeddedCluster)"), outcome.toString());
        assertEquals("SUCCESSFUL", outcome.get("aContainerCrashesAsExpected(EmbeddedCluster)"), outcome.toString());
        assertEquals("FAILED: the test left 1 application(s) running: " + Cases.leaked
                + " (killed now); a test must wait for, or kill, every application it starts",
                outcome.get("leavesAnApplicationRunning(EmbeddedCluster)"));
        String crash = outcome.get("aContainerCrashes(EmbeddedCluster)");
        assertTrue(crash.startsWith("FAILED: 1 uncaught exception(s) in the containers of the test's applications"), crash);
        assertTrue(crash.contains("/stderr:1: Exception in thread \"main\" java.lang.IllegalStateException: planted"),
                crash);
    }
}
