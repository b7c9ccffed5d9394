package dev.spindle.driver;

import dev.spindle.Dataset;
import dev.spindle.JobFailedException;
import dev.spindle.RemoteTaskException;
import dev.spindle.SpindleContext;
import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.Pair;
import dev.spindle.task.TaskEnv;
import dev.spindle.internal.TaskRunner;
import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.LaunchTask;
import dev.spindle.protocol.Messages.RegisterExecutor;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Transport;
import dev.spindle.protocol.TransportSecurity;
import dev.spindle.security.AppSecret;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver over real Netty connections, with hand-written executors that run tasks in this JVM
 * through the same {@link TaskRunner} the executor process uses.
 */
class DriverTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    private static final AppSecret SECRET = AppSecret.generate();

    @TempDir
    java.nio.file.Path shuffleDir;

    /** The environment of a fake executor: this JVM's Hadoop defaults and a temporary shuffle directory. */
    private record Env(Configuration hadoopConf, java.io.File shuffleDir, String host) implements TaskEnv {
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Driver driver(Map<String, String> settings) throws Exception {
        Driver d = Driver.start(SpindleConf.of(settings), new Configuration(), SECRET, "127.0.0.1", "127.0.0.1");
        open.add(() -> {
            DriverRuntime.clear(d);
            d.close();
        });
        DriverRuntime.install(d);
        return d;
    }

    /** Registers as an executor; runs what it is sent, or with {@code vanish} drops the connection instead. */
    private final class FakeExecutor {
        final AtomicInteger ran = new AtomicInteger();

        FakeExecutor(String id, Driver driver, boolean vanish) throws Exception {
            this(id, driver, vanish, null);
        }

        /** With {@code vanished}, told the executor's id once it has dropped its connection under a task. */
        FakeExecutor(String id, Driver driver, boolean vanish, java.util.function.Consumer<String> vanished)
                throws Exception {
            Env env = new Env(new Configuration(), shuffleDir.resolve("executor-" + id).toFile(), "127.0.0.1");
            Transport transport = new Transport("fake-" + id, 1, TransportSecurity.of(SECRET, false));
            open.add(transport);
            String[] hp = driver.address().split(":");
            Connection c = transport.connect(hp[0], Integer.parseInt(hp[1]), 5000, Link.EXECUTOR, new MessageListener() {
                @Override
                public void onMessage(Connection connection, Message message) {
                    if (message instanceof LaunchTask launch) {
                        if (vanish) {
                            connection.close();
                            if (vanished != null) {
                                vanished.accept(id);
                            }
                            return;
                        }
                        ran.incrementAndGet();
                        connection.send(TaskRunner.run(launch, id, env, getClass().getClassLoader()));
                    }
                }

                @Override
                public void onDisconnected(Connection connection) {
                }
            });
            c.send(new RegisterExecutor(id, "127.0.0.1", 1, "container-" + id, 0));
        }
    }

    /**
     * An executor of the application (it holds the secret) answers for a task launched on another,
     * once under its own id and once under the other's: the driver drops both, and the job's answer
     * is the honest executor's.
     */
    @Test
    void anExecutorCannotAnswerForAnotherExecutorsTask() throws Exception {
        Driver d = driver(Map.of(CoreKeys.EXECUTOR_INSTANCES.name(), "2"));
        String[] hp = d.address().split(":");
        java.util.concurrent.LinkedBlockingQueue<Message> rogueInbox = new java.util.concurrent.LinkedBlockingQueue<>();
        Transport rogueTransport = new Transport("rogue", 1, TransportSecurity.of(SECRET, false));
        open.add(rogueTransport);
        Env env = new Env(new Configuration(), shuffleDir.resolve("rogue").toFile(), "127.0.0.1");
        Connection rogue = rogueTransport.connect(hp[0], Integer.parseInt(hp[1]), 5000, Link.EXECUTOR,
                new MessageListener() {
                    @Override
                    public void onMessage(Connection connection, Message message) {
                        if (message instanceof LaunchTask launch) {
                            connection.send(TaskRunner.run(launch, "2", env, getClass().getClassLoader()));
                        } else {
                            rogueInbox.add(message);
                        }
                    }

                    @Override
                    public void onDisconnected(Connection connection) {
                    }
                });
        rogue.send(new RegisterExecutor("2", "127.0.0.1", 1, "container-2", 0));
        AtomicInteger forged = new AtomicInteger();
        Transport honestTransport = new Transport("honest", 1, TransportSecurity.of(SECRET, false));
        open.add(honestTransport);
        Env honestEnv = new Env(new Configuration(), shuffleDir.resolve("honest").toFile(), "127.0.0.1");
        Connection honest = honestTransport.connect(hp[0], Integer.parseInt(hp[1]), 5000, Link.EXECUTOR,
                new MessageListener() {
                    @Override
                    public void onMessage(Connection connection, Message message) {
                        if (message instanceof LaunchTask launch) {
                            // Bytes no real result has: accepted, they would fail the job when read.
                            byte[] junk = {1, 2, 3};
                            rogue.send(new dev.spindle.protocol.Messages.TaskFinished(launch.taskId(), "2", junk, 1,
                                    new dev.spindle.protocol.TaskMetrics(0, 0, 0, 0, 0, 0)));
                            rogue.send(new dev.spindle.protocol.Messages.TaskFinished(launch.taskId(), "1", junk, 1,
                                    new dev.spindle.protocol.TaskMetrics(0, 0, 0, 0, 0, 0)));
                            rogue.send(new dev.spindle.protocol.Messages.Heartbeat("2", 0));
                            try {
                                // The ack comes after the driver's loop has handled the forgeries.
                                rogueInbox.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            forged.incrementAndGet();
                            connection.send(TaskRunner.run(launch, "1", honestEnv, getClass().getClassLoader()));
                        }
                    }

                    @Override
                    public void onDisconnected(Connection connection) {
                    }
                });
        honest.send(new RegisterExecutor("1", "127.0.0.1", 1, "container-1", 0));
        SpindleContext sc = new SpindleContext();
        assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 14), sc.parallelize(List.of(0, 1, 2, 3, 4, 5, 6, 7), 8)
                .map(i -> i * 2).collect());
        assertTrue(forged.get() > 0, "the honest executor ran tasks the rogue tried to answer for");
        assertEquals(0, d.summary().failedAttempts());
    }

    @Test
    void actionsRunOnExecutorsAndCombineInPartitionOrder() throws Exception {
        Driver d = driver(Map.of());
        FakeExecutor a = new FakeExecutor("1", d, false);
        FakeExecutor b = new FakeExecutor("2", d, false);
        SpindleContext sc = new SpindleContext();
        List<Integer> data = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            data.add(i);
        }
        Dataset<Integer> ds = sc.parallelize(data, 8);
        assertEquals(data.stream().map(i -> i * 2).filter(i -> i % 3 == 0).toList(),
                ds.map(i -> i * 2).filter(i -> i % 3 == 0).collect());
        assertEquals(1000, ds.count());
        assertEquals(499_500, ds.reduce(Integer::sum));
        assertEquals(List.of("0", "0", "1", "1"), sc.parallelize(List.of(0, 1), 2)
                .flatMap(i -> List.of(String.valueOf(i), String.valueOf(i)).iterator()).collect());
        assertEquals(4950L, sc.range(0, 100, 3).reduce(Long::sum));
        assertTrue(a.ran.get() > 0 && b.ran.get() > 0, "both executors ran tasks: " + a.ran + " " + b.ran);
        ApplicationSummary s = d.summary();
        assertEquals(5, s.jobs());
        assertEquals(2, s.executorsUsed());
        assertTrue(s.firstExecutorAtMillis() > 0 && s.firstTaskAtMillis() >= s.firstExecutorAtMillis());
    }

    @Test
    void keyWiseOperationsShuffleBetweenStages() throws Exception {
        Driver d = driver(Map.of());
        new FakeExecutor("1", d, false);
        new FakeExecutor("2", d, false);
        SpindleContext sc = new SpindleContext();
        List<String> lines = List.of("a b c", "b c", "c", "", "d a", "ünï ünï");
        java.util.Map<String, Long> expected = new java.util.TreeMap<>();
        for (String l : lines) {
            for (String w : l.split("\\s+")) {
                if (!w.isEmpty()) {
                    expected.merge(w, 1L, Long::sum);
                }
            }
        }
        var counts = sc.parallelize(lines, 3)
                .flatMap(l -> java.util.Arrays.stream(l.split("\\s+")).filter(w -> !w.isEmpty()).iterator())
                .mapToPair(w -> Pair.of(w, 1L))
                .reduceByKey(Long::sum, 4);
        java.util.Map<String, Long> actual = new java.util.TreeMap<>();
        counts.collect().forEach(p -> actual.put(p.key(), p.value()));
        assertEquals(expected, actual);
        assertEquals(4, counts.getNumPartitions());

        var groups = sc.parallelize(List.of(1, 2, 3, 4, 5, 6), 3).keyBy(i -> i % 2).groupByKey(2).collect();
        java.util.Map<Integer, List<Integer>> byKey = new java.util.TreeMap<>();
        groups.forEach(g -> byKey.put(g.key(), g.value().stream().sorted().toList()));
        assertEquals(Map.of(0, List.of(2, 4, 6), 1, List.of(1, 3, 5)), byKey);

        int stagesBefore = d.summary().stages();
        assertEquals(expected.size(), counts.mapValues(v -> v * 2).count());
        assertEquals(stagesBefore + 1, d.summary().stages(), "a later job reuses the computed shuffle");
    }

    @Test
    void sortByKeyOrdersWithinAndAcrossPartitions() throws Exception {
        Driver d = driver(Map.of());
        new FakeExecutor("1", d, false);
        new FakeExecutor("2", d, false);
        SpindleContext sc = new SpindleContext();
        java.util.Random rnd = new java.util.Random(3);
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            keys.add(rnd.nextInt(100_000) - 50_000);
        }
        var sorted = sc.parallelize(keys, 5).keyBy(k -> k).sortByKey();
        assertEquals(keys.stream().sorted().toList(), sorted.collect().stream().map(Pair::key).toList());
        var descending = sc.parallelize(keys, 5).keyBy(k -> k)
                .sortByKey(dev.spindle.function.KeyComparator.natural(), false, 3);
        assertEquals(keys.stream().sorted(java.util.Comparator.reverseOrder()).toList(),
                descending.collect().stream().map(Pair::key).toList());
        assertEquals(3, descending.getNumPartitions());
    }

    @Test
    void aTaskFailingTooOftenFailsTheJobWithTheUsersException() throws Exception {
        Driver d = driver(Map.of(CoreKeys.TASK_MAX_FAILURES.name(), "3"));
        FakeExecutor a = new FakeExecutor("1", d, false);
        new FakeExecutor("2", d, false);
        SpindleContext sc = new SpindleContext();
        JobFailedException e = assertThrows(JobFailedException.class, () -> sc.parallelize(List.of(1, 2, 3), 3)
                .map(i -> {
                    if (i == 2) {
                        throw new java.io.IOException("disk on fire");
                    }
                    return i;
                }).collect());
        assertTrue(e.getMessage().contains("failed 3 times"), e.getMessage());
        assertTrue(e.getMessage().contains("java.io.IOException: disk on fire"), e.getMessage());
        assertTrue(e.getCause() instanceof RemoteTaskException r && r.remoteStackTrace().contains("disk on fire"));
        assertEquals(3, d.summary().failedAttempts());
        assertTrue(a.ran.get() >= 1);
        assertEquals(List.of(1, 2), sc.parallelize(List.of(1, 2), 2).collect(), "the driver still runs jobs");
    }

    @Test
    void tasksOfALostExecutorRunAgainElsewhere() throws Exception {
        Driver d = driver(Map.of(CoreKeys.EXECUTOR_INSTANCES.name(), "2"));
        new FakeExecutor("1", d, true);
        FakeExecutor good = new FakeExecutor("2", d, false);
        SpindleContext sc = new SpindleContext();
        assertEquals(List.of(1, 2, 3, 4), sc.parallelize(List.of(1, 2, 3, 4), 4).collect());
        assertEquals(4, good.ran.get());
        assertEquals(0, d.summary().failedAttempts(), "a loss is charged only once the AM says it failed (or never answers)");
    }

    /**
     * Two executors are asked for and only one is up: a one-task job needs no more, so it runs at once
     * instead of waiting out {@code maxRegisteredExecutorsWait} (here ten minutes) for the second.
     */
    @Test
    void aJobTheFirstExecutorCanRunWhollyDoesNotWaitForTheOthers() throws Exception {
        Driver d = driver(Map.of(CoreKeys.EXECUTOR_INSTANCES.name(), "2", CoreKeys.MAX_REGISTERED_WAIT.name(), "10min"));
        FakeExecutor first = new FakeExecutor("1", d, false);
        SpindleContext sc = new SpindleContext();
        assertEquals(List.of(2), assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> sc.parallelize(List.of(1), 1).map(i -> i * 2).collect()));
        assertEquals(1, first.ran.get());
    }

    /** Connects as the ApplicationMaster, to report executors' ends as the real one would. */
    private Connection fakeAm(Driver driver) throws Exception {
        Transport transport = new Transport("fake-am", 1, TransportSecurity.of(SECRET, false));
        open.add(transport);
        String[] hp = driver.address().split(":");
        Connection c = transport.connect(hp[0], Integer.parseInt(hp[1]), 5000, Link.APPLICATION_MASTER,
                new MessageListener() {
            @Override
            public void onMessage(Connection connection, Message message) {
            }

            @Override
            public void onDisconnected(Connection connection) {
            }
        });
        c.send(new dev.spindle.protocol.Messages.RegisterAm("appattempt_1_0001_000001"));
        return c;
    }

    @Test
    void tasksLostWithExecutorsThatFailedCountAsAttemptsAndFailTheJobNamingTheExitStatus() throws Exception {
        Driver d = driver(Map.of(CoreKeys.TASK_MAX_FAILURES.name(), "2"));
        Connection am = fakeAm(d);
        java.util.function.Consumer<String> crashed = id -> am.send(new dev.spindle.protocol.Messages.ExecutorExited(
                id, 137, "failed with exit status 137: Container killed on request. Exit code is 137", true));
        new FakeExecutor("1", d, true, crashed);
        new FakeExecutor("2", d, true, crashed);
        SpindleContext sc = new SpindleContext();
        JobFailedException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () ->
                assertThrows(JobFailedException.class, () -> sc.parallelize(List.of(1), 1).collect()));
        assertTrue(e.getMessage().contains("task for partition 0 of stage 0 failed 2 times, most recently on executor"),
                e.getMessage());
        assertTrue(e.getMessage().contains("its executor was lost: its container failed with exit status 137: "
                + "Container killed on request"), e.getMessage());
        assertEquals(2, d.summary().failedAttempts());
    }

    @Test
    void tasksLostWithAContainerTheClusterTookAwayAreNotCharged() throws Exception {
        Driver d = driver(Map.of(CoreKeys.TASK_MAX_FAILURES.name(), "1", CoreKeys.EXECUTOR_INSTANCES.name(), "1"));
        Connection am = fakeAm(d);
        java.util.concurrent.CountDownLatch gone = new java.util.concurrent.CountDownLatch(1);
        new FakeExecutor("1", d, true, id -> {
            am.send(new dev.spindle.protocol.Messages.ExecutorExited(
                    id, -102, "preempted by the ResourceManager for another application: ", false));
            gone.countDown();
        });
        SpindleContext sc = new SpindleContext();
        java.util.concurrent.CompletableFuture<List<Integer>> job = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> sc.parallelize(List.of(1, 2), 2).collect());
        // Only once the preempted executor has taken a task and gone does a healthy one come.
        assertTrue(gone.await(60, java.util.concurrent.TimeUnit.SECONDS));
        FakeExecutor good = new FakeExecutor("2", d, false);
        assertEquals(List.of(1, 2), job.get(60, java.util.concurrent.TimeUnit.SECONDS),
                "with spindle.task.maxFailures=1, one charged loss would have failed the job");
        assertEquals(0, d.summary().failedAttempts());
        assertEquals(2, good.ran.get());
    }

    @Test
    void aTaskAnExitingExecutorDidNotStartRunsElsewhereUncounted() throws Exception {
        Driver d = driver(Map.of(CoreKeys.TASK_MAX_FAILURES.name(), "1", CoreKeys.EXECUTOR_INSTANCES.name(), "1"));
        Transport transport = new Transport("fake-exiting", 1, TransportSecurity.of(SECRET, false));
        open.add(transport);
        String[] hp = d.address().split(":");
        java.util.concurrent.CountDownLatch refused = new java.util.concurrent.CountDownLatch(1);
        Connection exiting = transport.connect(hp[0], Integer.parseInt(hp[1]), 5000, Link.EXECUTOR, new MessageListener() {
            @Override
            public void onMessage(Connection connection, Message message) {
                if (message instanceof LaunchTask launch) {
                    connection.send(new dev.spindle.protocol.Messages.TaskNotRun(launch.taskId(), "1",
                            "the executor is exiting"));
                    refused.countDown();
                }
            }

            @Override
            public void onDisconnected(Connection connection) {
            }
        });
        exiting.send(new RegisterExecutor("1", "127.0.0.1", 1, "container-1", 0));
        SpindleContext sc = new SpindleContext();
        java.util.concurrent.CompletableFuture<List<Integer>> job = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> sc.parallelize(List.of(1, 2), 2).collect());
        assertTrue(refused.await(60, java.util.concurrent.TimeUnit.SECONDS));
        FakeExecutor good = new FakeExecutor("2", d, false);
        assertEquals(List.of(1, 2), job.get(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, d.summary().failedAttempts(), "a task that never started is no attempt");
        assertEquals(2, good.ran.get(), "the refusing executor is given nothing more");
    }

    @Test
    void closuresThatCannotBeSerializedFailInTheDriverWithTheClassName() throws Exception {
        driver(Map.of());
        SpindleContext sc = new SpindleContext();
        Object notSerializable = new Object();
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> sc.parallelize(List.of(1), 1).map(i -> notSerializable.hashCode() + i).collect());
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }

    /** The map output data files an executor wrote under its shuffle directory. */
    private static List<java.nio.file.Path> mapOutputs(java.nio.file.Path executorDir) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(executorDir)) {
            return files.filter(f -> f.toString().endsWith(".data")).toList();
        }
    }

    private static int recurse(int depth) {
        return depth == Integer.MIN_VALUE ? 0 : recurse(depth + 1) + 1;
    }

    @Test
    void aStackOverflowInATaskFailsThatTaskAndThenTheJobNamingTheError() throws Exception {
        Driver d = driver(Map.of(CoreKeys.TASK_MAX_FAILURES.name(), "2"));
        new FakeExecutor("1", d, false);
        new FakeExecutor("2", d, false);
        SpindleContext sc = new SpindleContext();
        JobFailedException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () ->
                assertThrows(JobFailedException.class, () -> sc.parallelize(List.of(1, 2), 2)
                        .map(i -> i == 2 ? recurse(i) : i).collect()));
        assertTrue(e.getMessage().contains("failed 2 times") && e.getMessage().contains("java.lang.StackOverflowError"),
                e.getMessage());
        assertEquals(List.of(3), sc.parallelize(List.of(3), 1).collect(), "the executors still run tasks");
    }

    @Test
    void aThrowingEventFailsTheRunningAndLaterJobsNamingTheException() throws Exception {
        Driver d = driver(Map.of(CoreKeys.EXECUTOR_INSTANCES.name(), "1"));
        SpindleContext sc = new SpindleContext();
        // No executor registers, so the job waits; then an event throws.
        java.util.concurrent.CompletableFuture<Throwable> failed = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                sc.parallelize(List.of(1, 2), 2).collect();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            while (d.summary().stages() == 0) {
                java.util.concurrent.TimeUnit.MILLISECONDS.sleep(5);
            }
        });
        d.postForTest(() -> {
            throw new IllegalStateException("bookkeeping went wrong");
        });
        Throwable t = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> failed.get());
        assertTrue(t instanceof JobFailedException, String.valueOf(t));
        assertTrue(t.getMessage().contains("IllegalStateException: bookkeeping went wrong"), t.getMessage());
        assertTrue(d.failure() instanceof IllegalStateException);
        JobFailedException later = assertThrows(JobFailedException.class, () -> sc.parallelize(List.of(1), 1).count());
        assertTrue(later.getMessage().contains("bookkeeping went wrong"), later.getMessage());
    }

    @Test
    void aLostMapOutputIsRecomputedFromLineageAndTheJobGetsTheRightAnswer() throws Exception {
        Driver d = driver(Map.of());
        new FakeExecutor("1", d, false);
        new FakeExecutor("2", d, false);
        SpindleContext sc = new SpindleContext();
        var counts = sc.parallelize(List.of("a b", "b c", "c d", "d a"), 4)
                .flatMap(l -> java.util.Arrays.asList(l.split(" ")).iterator())
                .mapToPair(w -> Pair.of(w, 1L))
                .reduceByKey(Long::sum, 2);
        java.util.Map<String, Long> expected = Map.of("a", 2L, "b", 2L, "c", 2L, "d", 2L);
        java.util.Map<String, Long> first = new java.util.TreeMap<>();
        counts.collect().forEach(p -> first.put(p.key(), p.value()));
        assertEquals(expected, first);
        assertEquals(0, d.summary().recomputedTasks());

        // Executor 1's map output files disappear, as with a lost disk: the next job reusing the
        // shuffle cannot read them and must recompute them rather than fail.
        List<java.nio.file.Path> lost = mapOutputs(shuffleDir.resolve("executor-1"));
        for (java.nio.file.Path f : lost) {
            java.nio.file.Files.delete(f);
        }
        int deleted = lost.size();
        assertTrue(deleted > 0, "executor 1 wrote map outputs");
        java.util.Map<String, Long> second = new java.util.TreeMap<>();
        counts.mapValues(v -> v * 10).collect().forEach(p -> second.put(p.key(), p.value()));
        assertEquals(Map.of("a", 20L, "b", 20L, "c", 20L, "d", 20L), second);
        ApplicationSummary s = d.summary();
        assertEquals(deleted, s.recomputedTasks(), "only the lost map partitions ran again: " + s.toLine());
        assertEquals(0, s.failedAttempts(), "a lost map output is not a task failure");
    }

    @Test
    void aShuffleLostAgainAndAgainFailsTheJobNamingIt() throws Exception {
        Driver d = driver(Map.of(CoreKeys.EXECUTOR_INSTANCES.name(), "1"));
        new FakeExecutor("1", d, false);
        SpindleContext sc = new SpindleContext();
        String dir = shuffleDir.resolve("executor-1").toString();
        // Every map output vanishes as soon as it is written, so every read of it fails.
        JobFailedException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () ->
                assertThrows(JobFailedException.class, () -> sc.parallelize(List.of(1, 2, 3, 4), 2).keyBy(i -> i % 2)
                        .mapValues(v -> {
                            try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(dir))) {
                                for (java.nio.file.Path f : files.filter(f -> f.toString().endsWith(".data")).toList()) {
                                    java.nio.file.Files.deleteIfExists(f);
                                }
                            } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
                                // The directory may not exist before the first map output.
                            }
                            return v;
                        }).reduceByKey(Integer::sum, 2).collect()));
        assertTrue(e.getMessage().contains("map outputs of shuffle") && e.getMessage().contains("were lost 4 times"),
                e.getMessage());
    }

    @Test
    void afterTheApplicationEndedEveryJobFailsAtOnceInsteadOfWaitingForExecutors() throws Exception {
        Driver d = driver(Map.of(CoreKeys.EXECUTOR_INSTANCES.name(), "1"));
        SpindleContext sc = new SpindleContext();
        d.abort("application_1_0001 ended (KILLED): killed by the user");
        JobFailedException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () ->
                assertThrows(JobFailedException.class, () -> sc.parallelize(List.of(1), 1).count()));
        assertTrue(e.getMessage().contains("killed by the user"), e.getMessage());
    }

    @Test
    void aDamagedMapOutputIsCaughtByItsChecksumAndRecomputed() throws Exception {
        Driver d = driver(Map.of());
        new FakeExecutor("1", d, false);
        new FakeExecutor("2", d, false);
        SpindleContext sc = new SpindleContext();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            numbers.add(i);
        }
        var sums = sc.parallelize(numbers, 4).keyBy(i -> i % 10).reduceByKey(Integer::sum, 2);
        long expected = numbers.stream().mapToLong(i -> i).sum();
        assertEquals(expected, sums.collect().stream().mapToLong(p -> p.value()).sum());

        // One byte of every map output of executor 1 changes on disk; the records may still decode.
        List<java.nio.file.Path> outputs = mapOutputs(shuffleDir.resolve("executor-1"));
        for (java.nio.file.Path f : outputs) {
            byte[] bytes = java.nio.file.Files.readAllBytes(f);
            bytes[bytes.length / 2] ^= 0x01;
            java.nio.file.Files.write(f, bytes);
        }
        int damaged = outputs.size();
        assertTrue(damaged > 0);
        assertEquals(2 * expected, sums.mapValues(v -> v * 2).collect().stream().mapToLong(p -> p.value()).sum());
        assertEquals(damaged, d.summary().recomputedTasks(), d.summary().toLine());
    }

    @Test
    void resultsOverMaxResultSizeFailTheJobNamingTheSetting() throws Exception {
        Driver d = driver(Map.of(CoreKeys.MAX_RESULT_SIZE.name(), "10k"));
        new FakeExecutor("1", d, false);
        new FakeExecutor("2", d, false);
        SpindleContext sc = new SpindleContext();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            numbers.add(i);
        }
        JobFailedException e = assertThrows(JobFailedException.class,
                () -> sc.parallelize(numbers, 4).map(i -> "x".repeat(100) + i).collect());
        assertTrue(e.getMessage().contains("spindle.driver.maxResultSize") && e.getMessage().contains("10240 bytes"),
                e.getMessage());
        assertEquals(400, sc.parallelize(numbers, 4).count(), "small results still come back");
    }
}
