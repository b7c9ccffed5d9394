package dev.spindle.executor;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.util.DaemonThreads;
import dev.spindle.task.TaskEnv;
import dev.spindle.memory.MemoryBudget;
import dev.spindle.cache.PartitionCache;
import dev.spindle.internal.BroadcastCache;
import dev.spindle.internal.TaskRunner;
import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.Heartbeat;
import dev.spindle.protocol.Messages.HeartbeatAck;
import dev.spindle.runtime.DriverWatch;
import dev.spindle.protocol.Messages.LaunchTask;
import dev.spindle.protocol.Messages.RegisterExecutor;
import dev.spindle.protocol.Messages.Shutdown;
import dev.spindle.protocol.Messages.TaskFailed;
import dev.spindle.runtime.ExitCode;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Transport;
import dev.spindle.protocol.TransportSecurity;
import dev.spindle.security.AppSecret;
import dev.spindle.shuffle.BlockFetcher;
import dev.spindle.shuffle.BlockServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One executor: a connection to the driver and a pool of task threads that lives as long as the
 * application.
 *
 * <p>Threading: Netty's I/O thread hands each {@link LaunchTask} to the task pool; task threads send
 * their results on the connection (sends are thread-safe); a timer thread sends heartbeats and closes
 * idle shuffle connections. The exit status is decided once, by whichever comes first: a {@link Shutdown}
 * (0), the driver's loss ({@link ExitCode#DRIVER_LOST}) or a task error that leaves the JVM unusable
 * ({@link ExitCode#JVM_UNUSABLE});
 * a thread that dies of anything else ends the process through the {@link dev.spindle.runtime.FatalErrorHandler}.
 */
public final class Executor {
    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

    private final String executorId;
    private final String host;
    private final int cores;
    private final String containerId;
    private final SpindleConf conf;
    private final ClassLoader loader;
    private final AppSecret secret;
    private final TaskEnv env;
    private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
    private final AtomicInteger runningTasks = new AtomicInteger();
    private final ExitingTasks exiting;
    private final DriverWatch driverWatch;
    /** Set once a task's error left this JVM unusable: no task runs here after it. */
    private volatile boolean unusable;

    public Executor(String executorId, String host, int cores, String containerId, SpindleConf conf,
                    TaskEnv env, ClassLoader loader, AppSecret secret) {
        if (cores < 1) {
            throw new IllegalArgumentException("an executor needs at least one core, not " + cores);
        }
        this.executorId = executorId;
        this.host = host;
        this.cores = cores;
        this.containerId = containerId;
        this.conf = conf;
        this.loader = loader;
        this.secret = secret;
        this.env = env;
        this.exiting = new ExitingTasks(executorId);
        this.driverWatch = new DriverWatch(conf.get(CoreKeys.NETWORK_TIMEOUT),
                () -> java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
    }

    /** Fresh delegation tokens from the AM: tasks' next connections to HDFS use them. */
    private void addTokens(dev.spindle.protocol.Messages.UpdateTokens u) {
        try {
            org.apache.hadoop.security.UserGroupInformation.getCurrentUser()
                    .addCredentials(dev.spindle.yarn.DelegationTokens.deserialize(u.credentials()));
            LOG.info("Executor {} got new delegation tokens", executorId);
        } catch (java.io.IOException e) {
            LOG.warn("Executor {} could not read new delegation tokens: {}", executorId, e.toString());
        }
    }

    /** Connects, registers and runs tasks until told to stop; returns the process exit status. */
    public int run(String driverHost, int driverPort) {
        try {
            return serve(driverHost, driverPort);
        } catch (java.io.IOException e) {
            LOG.error("Executor {} cannot start its block server: {}", executorId, e.getMessage());
            return ExitCode.EXECUTOR_START_FAILED.code();
        }
    }

    private int serve(String driverHost, int driverPort) throws java.io.IOException {
        if (conf.get(CoreKeys.SERIALIZER).equals("kryo")) {
            java.util.List<String> classes = java.util.Arrays.stream(conf.get(CoreKeys.KRYO_CLASSES).split(","))
                    .map(String::trim).filter(c -> !c.isEmpty()).toList();
            dev.spindle.shuffle.RecordWriter.useKryo(classes, conf.get(CoreKeys.KRYO_REGISTRATION_REQUIRED));
            LOG.info("Executor {} writes records of other types with Kryo ({} classes registered)", executorId,
                    classes.size());
        }
        ExecutorService tasks = Executors.newFixedThreadPool(cores, new DaemonThreads("spindle-task"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("spindle-heartbeat"));
        try (Transport transport = new Transport("executor", 2,
                     TransportSecurity.of(secret, conf.get(CoreKeys.NETWORK_CRYPTO)));
             BlockServer blocks = new BlockServer(transport, env.shuffleDir(), "0.0.0.0")) {
            java.util.concurrent.atomic.AtomicReference<Connection> toDriver = new java.util.concurrent.atomic.AtomicReference<>();
            BroadcastCache broadcasts = new BroadcastCache(executorId, m -> toDriver.get().send(m),
                    conf.get(CoreKeys.NETWORK_TIMEOUT));
            MemoryBudget memory = MemoryBudget.ofHeap(conf.get(CoreKeys.MEMORY_FRACTION));
            PartitionCache cache = new PartitionCache(memory, new java.io.File(env.shuffleDir(), "cache-" + executorId),
                    (dataset, partition, inMemory, onDisk) -> toDriver.get().send(
                            new dev.spindle.protocol.Messages.PartitionCached(executorId, dataset, partition, inMemory,
                                    onDisk)));
            LOG.info("Executor {} gives its tasks and cached partitions up to {} bytes of its heap", executorId,
                    memory.max());
            BlockFetcher fetcher = new BlockFetcher(transport, conf.get(CoreKeys.NETWORK_TIMEOUT));
            TaskEnv taskEnv = new ServingEnv(env, blocks.port(), fetcher, conf.get(CoreKeys.SHUFFLE_LOCAL_READ),
                    broadcasts, cache, memory);
            Connection driver = connect(transport, driverHost, driverPort, tasks, taskEnv, broadcasts, cache);
            if (driver == null) {
                return ExitCode.DRIVER_LOST.code();
            }
            toDriver.set(driver);
            exiting.installHook(driver);
            driver.send(new RegisterExecutor(executorId, host, cores, containerId, blocks.port()));
            driverWatch.heard();
            LOG.info("Executor {} (container {}) registered with the driver at {}:{} with {} task threads; "
                    + "its block server listens on port {}", executorId, containerId, driverHost, driverPort, cores,
                    blocks.port());
            long interval = conf.get(CoreKeys.EXECUTOR_HEARTBEAT_INTERVAL);
            java.lang.management.MemoryMXBean jvmMemory = java.lang.management.ManagementFactory.getMemoryMXBean();
            // A heartbeat that threw would silently end the fixed-delay schedule: end the executor instead.
            ScheduledFuture<?> heartbeats = timer.scheduleWithFixedDelay(() -> {
                try {
                    long silent = driverWatch.silentForMillis();
                    if (silent >= 0) {
                        LOG.error("Executor {} heard nothing from the driver at {}:{} for {} ms, more than "
                                + "spindle.network.timeout allows: it is stopped or cut off; exiting with {}",
                                executorId, driverHost, driverPort, silent, ExitCode.DRIVER_LOST.code());
                        exitStatus.complete(ExitCode.DRIVER_LOST.code());
                        return;
                    }
                    java.lang.management.MemoryUsage heap = jvmMemory.getHeapMemoryUsage();
                    driver.send(new Heartbeat(executorId, runningTasks.get(), gcMillis(), heap.getUsed(),
                            Math.max(0, heap.getMax())));
                } catch (RuntimeException e) {
                    LOG.error("Executor {} cannot send heartbeats: {}", executorId, e.toString());
                    exitStatus.complete(ExitCode.DRIVER_LOST.code());
                }
            }, interval, interval, TimeUnit.MILLISECONDS);
            // Connections kept for shuffle fetches close after the network timeout idle, on time even
            // when this executor fetches nothing more (every peer's block server holds its end too).
            long idleCheck = Math.max(1_000, conf.get(CoreKeys.NETWORK_TIMEOUT) / 4);
            ScheduledFuture<?> idleFetches = timer.scheduleWithFixedDelay(() -> {
                try {
                    fetcher.closeIdle();
                } catch (RuntimeException e) {
                    LOG.warn("Executor {} could not close idle shuffle connections", executorId, e);
                }
            }, idleCheck, idleCheck, TimeUnit.MILLISECONDS);
            int status = exitStatus.join();
            heartbeats.cancel(false);
            idleFetches.cancel(false);
            driver.close();
            return status;
        } finally {
            timer.shutdownNow();
            tasks.shutdownNow();
        }
    }

    /** The container's environment plus this executor's block server, fetcher and broadcast values. */
    private record ServingEnv(TaskEnv base, int blockPort, BlockFetcher fetcher, boolean localShuffleReads,
                              BroadcastCache broadcasts, PartitionCache cache, MemoryBudget memory)
            implements TaskEnv {
        @Override
        public Object broadcast(long id) {
            return broadcasts.value(id);
        }

        @Override
        public org.apache.hadoop.conf.Configuration hadoopConf() {
            return base.hadoopConf();
        }

        @Override
        public java.io.File shuffleDir() {
            return base.shuffleDir();
        }

        @Override
        public String host() {
            return base.host();
        }
    }

    /** Time this JVM's collectors have spent collecting since it started, for the UI's executors page. */
    private static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory
                .getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** Runs one task and answers; an error that leaves the JVM unusable ends the executor after the answer. */
    private void runTask(Connection connection, LaunchTask launch, TaskEnv taskEnv) {
        exiting.started(launch.taskId());
        try {
            Message answer = TaskRunner.run(launch, executorId, taskEnv, loader);
            if (answer instanceof TaskFailed f && TaskRunner.leavesJvmUnusable(f.exceptionClass())) {
                // Refuse further tasks before the driver hears of this one, or it could hand this JVM the
                // retry (and more) before the process is gone.
                unusable = true;
                LOG.error("Executor {}: task {} hit {}, which leaves the JVM unusable; exiting with {}", executorId,
                        launch.taskId(), f.exceptionClass(), ExitCode.JVM_UNUSABLE.code());
                connection.sendAndWait(answer, 2000);
                exitStatus.complete(ExitCode.JVM_UNUSABLE.code());
                return;
            }
            connection.send(answer);
        } finally {
            exiting.ended();
            runningTasks.decrementAndGet();
        }
    }

    private Connection connect(Transport transport, String driverHost, int driverPort, ExecutorService tasks,
                               TaskEnv taskEnv, BroadcastCache broadcasts, PartitionCache cache) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(conf.get(CoreKeys.NETWORK_TIMEOUT));
        MessageListener listener = new MessageListener() {
            @Override
            public void onMessage(Connection connection, Message message) {
                driverWatch.heard();
                if (message instanceof HeartbeatAck) {
                    return;
                }
                if (message instanceof LaunchTask launch) {
                    if (unusable || exitStatus.isDone()) {
                        LOG.warn("Executor {} is exiting: not running task {}", executorId, launch.taskId());
                        // So the driver runs it elsewhere without counting it against the task.
                        connection.send(new dev.spindle.protocol.Messages.TaskNotRun(launch.taskId(), executorId,
                                "the executor is exiting"));
                        return;
                    }
                    runningTasks.incrementAndGet();
                    tasks.execute(() -> runTask(connection, launch, taskEnv));
                } else if (message instanceof dev.spindle.protocol.Messages.BroadcastValue b) {
                    broadcasts.received(b);
                } else if (message instanceof dev.spindle.protocol.Messages.Forget f) {
                    if (f.kind() == dev.spindle.protocol.Messages.Forget.Kind.BROADCAST) {
                        broadcasts.forget(f.id());
                    } else {
                        cache.forget((int) f.id());
                    }
                } else if (message instanceof dev.spindle.protocol.Messages.UpdateTokens u) {
                    addTokens(u);
                } else if (message instanceof Shutdown s) {
                    LOG.info("Executor {} shutting down: {}", executorId, s.reason());
                    exitStatus.complete(0);
                } else {
                    LOG.warn("Ignoring unexpected {}", message.getClass().getSimpleName());
                }
            }

            @Override
            public void onDisconnected(Connection connection) {
                if (!exitStatus.isDone()) {
                    LOG.error("Executor {} lost the driver at {}:{}; exiting with {}", executorId, driverHost,
                            driverPort, ExitCode.DRIVER_LOST.code());
                }
                exitStatus.complete(ExitCode.DRIVER_LOST.code());
            }
        };
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return transport.connect(driverHost, driverPort, 5000, Link.EXECUTOR, listener);
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        LOG.error("Executor {} could not reach the driver: {}", executorId, last == null ? "timed out" : last.getMessage());
        return null;
    }
}
