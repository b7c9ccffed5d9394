package dev.spindle.am;

import dev.spindle.config.SpindleConf;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.Messages.ExecutorDemand;
import dev.spindle.protocol.Messages.ExecutorExited;
import dev.spindle.protocol.Messages.FinishApplication;
import dev.spindle.runtime.ExitCode;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerState;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ApplicationMaster's lifecycle against hand-written fakes of the ResourceManager, the
 * NodeManagers and the driver, on a fake clock: every way out unregisters with a diagnostic and
 * returns its exit code.
 */
class ApplicationMasterTest {
    private static final ApplicationAttemptId ATTEMPT =
            ApplicationAttemptId.newInstance(ApplicationId.newInstance(7, 3), 1);
    private static final Duration BOUND = Duration.ofSeconds(20);

    private final FakeRm rm = new FakeRm();
    private final FakeNm nm = new FakeNm();
    private final FakeDriver driver = new FakeDriver();
    private final List<String> launched = new CopyOnWriteArrayList<>();
    private final AtomicInteger cleanups = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000);
    private CompletableFuture<ExitCode> running;
    private ApplicationMaster am;

    /** Records what the AM asks of the ResourceManager; tests play its callbacks. */
    private static final class FakeRm implements ResourceManagerClient {
        volatile Events events;
        Resource max = Resource.newInstance(8192, 4);
        Exception registerFailure;
        final List<AskLocation> asks = new CopyOnWriteArrayList<>();
        final List<ContainerId> released = new CopyOnWriteArrayList<>();
        final java.util.Set<String> excluded = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final CompletableFuture<String> unregistered = new CompletableFuture<>();
        volatile boolean stopped;

        @Override
        public void start(Events events) {
            this.events = events;
        }

        /** When set, registering waits for it: a slow ResourceManager. */
        volatile CountDownLatch registering;
        volatile boolean registered;

        @Override
        public Resource register(String host) throws Exception {
            CountDownLatch wait = registering;
            if (wait != null) {
                wait.await();
            }
            if (registerFailure != null) {
                throw registerFailure;
            }
            registered = true;
            return max;
        }

        @Override
        public ContainerRequester requester(Resource executorSize) {
            return new ContainerRequester() {
                @Override
                public Object addRequest(AskLocation where) {
                    asks.add(where);
                    return where;
                }

                @Override
                public void removeRequest(Object request) {
                    asks.remove((AskLocation) request);
                }

                @Override
                public void release(ContainerId containerId) {
                    released.add(containerId);
                }

                @Override
                public void exclude(java.util.Set<String> add, java.util.Set<String> remove) {
                    excluded.addAll(add);
                    excluded.removeAll(remove);
                }

                @Override
                public int clusterNodes() {
                    return 3;
                }
            };
        }

        @Override
        public void release(ContainerId id) {
            released.add(id);
        }

        @Override
        public void setHeartbeatInterval(long millis) {
        }

        @Override
        public void unregister(FinalApplicationStatus status, String diagnostics) {
            if (!registered) {
                unregistered.complete("UNREGISTERED BEFORE REGISTERING: " + status + ": " + diagnostics);
                return;
            }
            if (!unregistered.complete(status + ": " + diagnostics)) {
                throw new AssertionError("unregistered twice");
            }
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    private static final class FakeNm implements NodeManagerClient {
        volatile Events events;

        @Override
        public void start(Events events) {
            this.events = events;
        }

        @Override
        public void startContainer(Container container, org.apache.hadoop.yarn.api.records.ContainerLaunchContext c) {
            throw new AssertionError("the test's starter launches, not the NM client");
        }

        @Override
        public void stop() {
        }
    }

    private static final class FakeDriver implements DriverLink {
        volatile Events events;
        IOException connectFailure;
        final List<Message> received = new CopyOnWriteArrayList<>();

        @Override
        public void connect(String attemptId, Events events) throws IOException {
            if (connectFailure != null) {
                throw connectFailure;
            }
            assertEquals(ATTEMPT.getApplicationId(), ApplicationAttemptId.fromString(attemptId).getApplicationId());
            this.events = events;
        }

        @Override
        public void send(Message message) {
            received.add(message);
        }

        @Override
        public void close() {
        }
    }

    private ExecutorStarter.Factory starter = () -> (container, executorId) -> {
        launched.add(executorId + "@" + container.getNodeId().getHost());
        nm.events.onStarted(container.getId());
    };

    private void start(Map<String, String> settings) {
        start(settings, new AmAttempt(ATTEMPT, 1), null);
    }

    private void start(Map<String, String> settings, AmAttempt attempt, HostedDriver hosted) {
        SpindleConf conf = SpindleConf.of(Map.of("spindle.executor.instances", "2", "spindle.yarn.am.demandWait", "0ms",
                "spindle.yarn.am.localityWait", "1h")).overlay(settings);
        ApplicationMaster am = new ApplicationMaster(conf, attempt, "am-host", rm, nm, starter, driver, hosted,
                host -> null, dev.spindle.placement.HostMatcher.Resolver.SYSTEM, now::get, cleanups::incrementAndGet);
        this.am = am;
        running = CompletableFuture.supplyAsync(() -> {
            try {
                return am.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private ExitCode exitCode() {
        return assertTimeoutPreemptively(BOUND, () -> running.get());
    }

    private String unregistered() {
        return assertTimeoutPreemptively(BOUND, () -> rm.unregistered.get());
    }

    private void awaitAsks(int n) {
        assertTimeoutPreemptively(BOUND, () -> {
            while (rm.asks.size() < n) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        });
    }

    private static Container container(int id, String host) {
        return Container.newInstance(ContainerId.newContainerId(ATTEMPT, id), NodeId.newInstance(host, 1), host + ":2",
                Resource.newInstance(1408, 1), Priority.newInstance(3), null);
    }

    @AfterEach
    void noLeftovers() {
        if (running != null && !running.isDone()) {
            rm.events.onShutdownRequest();
            exitCode();
        }
    }

    @Test
    void runsExecutorsWhereTheDriverWantsThemAndUnregistersAsItSays() {
        start(Map.of("spindle.yarn.am.demandWait", "1h"));
        assertTimeoutPreemptively(BOUND, () -> {
            while (driver.events == null) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        });
        driver.events.onMessage(new ExecutorDemand(Map.of("h1", 3)));
        awaitAsks(2);
        assertTrue(rm.asks.stream().anyMatch(a -> a.level() == AskLocation.Level.HOST && a.name().equals("h1")),
                "an ask for the host the driver's input is on: " + rm.asks);
        rm.events.onAllocated(List.of(container(2, "h1"), container(3, "h2")));
        assertTimeoutPreemptively(BOUND, () -> {
            while (launched.size() < 2) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        });
        driver.events.onMessage(new FinishApplication("SUCCEEDED", "2 jobs"));
        assertEquals("SUCCEEDED: 2 jobs", unregistered());
        assertEquals(ExitCode.SUCCESS, exitCode());
        assertEquals(1, cleanups.get(), "the staging directory is removed once");
        assertTrue(rm.stopped);
    }

    @Test
    void theDriverIsReachedDuringTheRegistrationAndWhatItSaysMeanwhileWaitsForIt() {
        rm.registering = new CountDownLatch(1);
        start(Map.of("spindle.yarn.am.demandWait", "1h"));
        assertTimeoutPreemptively(BOUND, () -> {
            while (driver.events == null) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        });
        // Connected while the ResourceManager has not answered; the driver's demand and its end come now.
        driver.events.onMessage(new ExecutorDemand(Map.of("h1", 1)));
        driver.events.onMessage(new FinishApplication("SUCCEEDED", "done before the AM registered"));
        // New tokens go to the loop directly, after the messages above had they not been held: once the
        // driver has them, the loop has run everything it was given before them.
        am.publishTokens(new byte[]{1});
        assertTimeoutPreemptively(BOUND, () -> {
            while (driver.received.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        });
        assertTrue(rm.unregistered.getNow(null) == null, "nothing unregisters before the registration: "
                + rm.unregistered.getNow(null));
        rm.registering.countDown();
        assertEquals("SUCCEEDED: done before the AM registered", unregistered());
        assertEquals(ExitCode.SUCCESS, exitCode());
    }

    @Test
    void aFailedRegistrationWaitsForTheDriverLinkAndClosesIt() {
        rm.registerFailure = new IOException("RM gone");
        start(Map.of());
        assertEquals(ExitCode.RM_CLIENT_FAILED, exitCode());
        assertTrue(rm.unregistered.getNow(null) == null, "never registered: nothing to unregister");
        assertTrue(rm.stopped);
    }

    /** Starts the AM, launches one executor on h1, ends its container with {@code status}: what the driver hears. */
    private ExecutorExited executorEndsWith(int status, String diagnostics) {
        start(Map.of());
        awaitAsks(2);
        rm.events.onAllocated(List.of(container(2, "h1")));
        assertTimeoutPreemptively(BOUND, () -> {
            while (launched.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        });
        rm.events.onCompleted(List.of(ContainerStatus.newInstance(ContainerId.newContainerId(ATTEMPT, 2),
                ContainerState.COMPLETE, diagnostics, status)));
        assertTimeoutPreemptively(BOUND, () -> {
            while (driver.received.stream().noneMatch(m -> m instanceof ExecutorExited)) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        });
        return (ExecutorExited) driver.received.get(0);
    }

    @Test
    void aFailedExecutorIsReportedToTheDriverWithItsNamedExitStatus() {
        ExecutorExited exited = executorEndsWith(ExitCode.DRIVER_LOST.code(), "killed");
        assertEquals(ExitCode.DRIVER_LOST.code(), exited.exitStatus());
        assertTrue(exited.failed(), "an executor that exits on its own is the application's failure");
        assertTrue(exited.diagnostics().contains("DRIVER_LOST"), exited.diagnostics());
    }

    @Test
    void aPreemptedExecutorIsReportedAsNotTheApplicationsFailure() {
        ExecutorExited exited = executorEndsWith(ContainerExitStatus.PREEMPTED, "preempted");
        assertFalse(exited.failed());
        assertTrue(exited.diagnostics().startsWith("preempted by the ResourceManager"), exited.diagnostics());
    }

    @Test
    void anRmClientErrorUnregistersFailedWithTheError() {
        start(Map.of());
        awaitAsks(2);
        rm.events.onError(new IOException("the RM went away"));
        String u = unregistered();
        assertTrue(u.startsWith("FAILED: ") && u.contains("the RM went away"), u);
        assertEquals(ExitCode.RM_CLIENT_FAILED, exitCode());
        assertEquals(1, cleanups.get());
    }

    @Test
    void aClientModeDriverSilentPastTheNetworkTimeoutEndsTheApplication() {
        start(Map.of("spindle.network.timeout", "60s", "spindle.executor.heartbeatInterval", "20ms"));
        awaitAsks(2);
        assertTimeoutPreemptively(BOUND, () -> {
            while (driver.received.stream().noneMatch(m -> m instanceof dev.spindle.protocol.Messages.Heartbeat)) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        });
        now.addAndGet(30_000);
        driver.events.onMessage(new dev.spindle.protocol.Messages.HeartbeatAck());
        now.addAndGet(59_000);
        assertTrue(rm.unregistered.getNow(null) == null, "heard 59 s ago: still alive");
        now.addAndGet(2_000);
        String u = unregistered();
        assertTrue(u.startsWith("FAILED: nothing heard from the driver for 61000 ms"), u);
        assertEquals(ExitCode.DRIVER_LOST, exitCode());
    }

    @Test
    void aShutdownRequestUnregistersFailed() {
        start(Map.of());
        awaitAsks(2);
        rm.events.onShutdownRequest();
        assertTrue(unregistered().contains("asked the ApplicationMaster to shut down"));
        assertEquals(ExitCode.APPLICATION_FAILED, exitCode());
    }

    @Test
    void aThrowingEventUnregistersFailedNamingTheException() {
        starter = () -> (container, executorId) -> {
            throw new IllegalStateException("launch blew up");
        };
        start(Map.of());
        awaitAsks(2);
        rm.events.onAllocated(List.of(container(2, "h1")));
        String u = unregistered();
        assertTrue(u.startsWith("FAILED: ") && u.contains("IllegalStateException: launch blew up"), u);
        assertEquals(ExitCode.EVENT_LOOP_FAILED, exitCode());
    }

    @Test
    void aDriverThatCannotBeReachedFailsTheAttempt() {
        driver.connectFailure = new IOException("connection refused");
        start(Map.of());
        String u = unregistered();
        assertTrue(u.contains("cannot reach the driver") && u.contains("connection refused"), u);
        assertEquals(ExitCode.DRIVER_LOST, exitCode());
    }

    @Test
    void aDriverThatGoesAwayFailsTheAttempt() {
        start(Map.of());
        awaitAsks(2);
        driver.events.onDisconnected();
        assertTrue(unregistered().contains("the driver disconnected"));
        assertEquals(ExitCode.DRIVER_LOST, exitCode());
    }

    @Test
    void executorsLargerThanTheClusterAllowsFailBeforeAnyAsk() {
        rm.max = Resource.newInstance(1024, 4);
        start(Map.of("spindle.executor.memory", "2g"));
        String u = unregistered();
        assertTrue(u.contains("exceed the cluster's maximum of 1024 MiB"), u);
        assertEquals(ExitCode.APPLICATION_FAILED, exitCode());
        assertTrue(rm.asks.isEmpty());
    }

    @Test
    void anAttemptThatCannotRegisterExitsWithoutUnregistering() {
        rm.registerFailure = new IOException("not allowed");
        start(Map.of());
        assertEquals(ExitCode.RM_CLIENT_FAILED, exitCode());
        assertNotNull(rm.events);
        assertTrue(!rm.unregistered.isDone());
    }

    /** A cluster-mode driver: its outcome comes over the driver link, as the real one's does. */
    private static final class FakeHostedDriver implements HostedDriver {
        volatile boolean started;
        volatile boolean stopped;

        @Override
        public void start() {
            started = true;
        }

        @Override
        public void stop() {
            stopped = true;
        }

        @Override
        public Throwable failure() {
            return null;
        }
    }

    private static AmAttempt attempt(int number, int max) {
        return new AmAttempt(ApplicationAttemptId.newInstance(ATTEMPT.getApplicationId(), number), max);
    }

    private void awaitDriverLink() {
        assertTimeoutPreemptively(BOUND, () -> {
            while (driver.events == null) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        });
    }

    @Test
    void aFailedAttemptThatIsNotTheLastLeavesTheApplicationRegisteredAndItsStagingDirectory() {
        start(Map.of(), attempt(1, 2), null);
        awaitAsks(2);
        rm.events.onError(new IOException("the RM went away"));
        assertEquals(ExitCode.RM_CLIENT_FAILED, exitCode());
        assertTrue(!rm.unregistered.isDone(), "YARN must see the attempt fail, not the application end");
        assertEquals(0, cleanups.get(), "the next attempt starts from the staging directory");
    }

    @Test
    void inClusterModeAFailedDriverIsRetriedUnlessThisIsTheLastAttempt() {
        FakeHostedDriver first = new FakeHostedDriver();
        start(Map.of(), attempt(1, 2), first);
        awaitDriverLink();
        driver.events.onMessage(new FinishApplication("FAILED", "User class threw java.io.IOException: blip"));
        assertEquals(ExitCode.APPLICATION_FAILED, exitCode());
        assertTrue(first.started && first.stopped);
        assertTrue(!rm.unregistered.isDone());
        assertEquals(0, cleanups.get());

        driver.events = null;
        start(Map.of(), attempt(2, 2), new FakeHostedDriver());
        awaitDriverLink();
        driver.events.onMessage(new FinishApplication("FAILED", "User class threw java.io.IOException: blip"));
        assertEquals("FAILED: User class threw java.io.IOException: blip", unregistered());
        assertEquals(ExitCode.APPLICATION_FAILED, exitCode());
        assertEquals(1, cleanups.get());
    }

    @Test
    void aClientModeDriversVerdictIsFinalOnAnyAttempt() {
        start(Map.of(), attempt(1, 2), null);
        awaitDriverLink();
        driver.events.onMessage(new FinishApplication("FAILED", "a task failed 4 times"));
        assertEquals("FAILED: a task failed 4 times", unregistered());
        assertEquals(ExitCode.APPLICATION_FAILED, exitCode());
    }

    @Test
    void aClientModeDriverThatIsGoneEndsTheApplicationOnAnyAttempt() {
        start(Map.of(), attempt(1, 2), null);
        awaitAsks(2);
        driver.events.onDisconnected();
        assertTrue(unregistered().contains("the driver disconnected"));
        assertEquals(ExitCode.DRIVER_LOST, exitCode());
    }

    @Test
    void laterAttemptsNameTheirExecutorsApartFromEarlierOnes() {
        start(Map.of(), attempt(2, 2), null);
        awaitAsks(2);
        rm.events.onAllocated(List.of(container(2, "h1"), container(3, "h2")));
        assertTimeoutPreemptively(BOUND, () -> {
            while (launched.size() < 2) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        });
        assertEquals(List.of("2-1@h1", "2-2@h2"), launched);
    }

    @Test
    void attemptsAreValidated() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> attempt(1, 0));
        assertTrue(attempt(2, 2).last());
        assertTrue(!attempt(1, 2).last());
    }
}
