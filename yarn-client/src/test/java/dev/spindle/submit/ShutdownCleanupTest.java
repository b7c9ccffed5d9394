package dev.spindle.submit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hook's steps, their order and its one line, with plain lambdas for the driver, YARN and HDFS. */
class ShutdownCleanupTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private ShutdownCleanup cleanup(Consumer<String> failJobs, long mainWaitMillis, ShutdownCleanup.Step kill,
                                    long stepTimeoutMillis) {
        return new ShutdownCleanup(failJobs, mainWaitMillis, kill, "kill app_1", () -> {
            calls.add("staging");
            return "removed its staging directory";
        }, err, stepTimeoutMillis);
    }

    private ShutdownCleanup.Step kill() {
        return () -> {
            calls.add("kill");
            return "killed app_1";
        };
    }

    /** A job's main on a thread of its own that returns once its jobs are failed, as a save's abort does. */
    private Thread userMain(ShutdownCleanup cleanup, CountDownLatch jobsFailed) throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            cleanup.enterUserMain();
            entered.countDown();
            try {
                jobsFailed.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.add("main returned");
            cleanup.userMainReturned();
        }, "user-main");
        t.setDaemon(true);
        t.start();
        assertTrue(entered.await(1, TimeUnit.MINUTES));
        return t;
    }

    @Test
    void clientModeFailsTheJobsWaitsForTheMainThenKillsAndRemovesTheStagingDirectory() throws Exception {
        CountDownLatch jobsFailed = new CountDownLatch(1);
        ShutdownCleanup cleanup = cleanup(reason -> {
            calls.add("fail: " + reason);
            jobsFailed.countDown();
        }, 60_000, kill(), 60_000);
        userMain(cleanup, jobsFailed);

        assertEquals("spindle-submit: interrupted: failed the running jobs, killed app_1, removed its staging directory",
                cleanup.runHook());
        assertEquals(List.of("fail: " + ShutdownCleanup.REASON, "main returned", "kill", "staging"), calls,
                "the main removes its output before the application's executors go");
    }

    @Test
    void clusterModeOnlyKillsAndRemovesTheStagingDirectory() {
        assertEquals("spindle-submit: interrupted: killed app_1, removed its staging directory",
                cleanup(null, 60_000, kill(), 60_000).runHook());
        assertEquals(List.of("kill", "staging"), calls);
    }

    @Test
    void aMainThatDoesNotReturnIsWaitedForOnlySoLong() throws Exception {
        ShutdownCleanup cleanup = cleanup(reason -> calls.add("fail"), 50, kill(), 60_000);
        CountDownLatch never = new CountDownLatch(1);
        userMain(cleanup, never);

        String line = cleanup.runHook();
        never.countDown();
        assertTrue(line.contains("failed the running jobs (the job's main did not return within 50 ms: output it had "
                + "not committed may remain), killed app_1, removed its staging directory"), line);
    }

    @Test
    void aStepThatThrowsOrHangsIsNamedAndTheLaterStepsStillRun() {
        String thrown = cleanup(null, 0, () -> {
            throw new IllegalStateException("the ResourceManager is gone");
        }, 60_000).runHook();
        assertEquals("spindle-submit: interrupted: could not kill app_1: java.lang.IllegalStateException: the "
                + "ResourceManager is gone, removed its staging directory", thrown);

        CountDownLatch release = new CountDownLatch(1);
        String hung = cleanup(null, 0, () -> {
            release.await(1, TimeUnit.MINUTES);
            return "killed app_1";
        }, 100).runHook();
        release.countDown();
        assertEquals("spindle-submit: interrupted: could not kill app_1 within 100 ms, removed its staging directory",
                hung);
        assertEquals(List.of("staging", "staging"), calls);
    }

    @Test
    void aCleanupClosedFirstLeavesTheHookNothingToDo() {
        ShutdownCleanup cleanup = cleanup(reason -> calls.add("fail"), 60_000, kill(), 60_000);
        cleanup.close();
        assertNull(cleanup.runHook());
        assertEquals(List.of(), calls);
    }
}
