package dev.spindle.driver;

import dev.spindle.config.SpindleConf;
import dev.spindle.memory.MemoryBudget;
import dev.spindle.cache.PartitionCache;
import dev.spindle.internal.BroadcastCache;
import dev.spindle.internal.TaskRunner;
import dev.spindle.protocol.Messages;
import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.LaunchTask;
import dev.spindle.protocol.Messages.RegisterExecutor;
import dev.spindle.protocol.Transport;
import dev.spindle.protocol.TransportSecurity;
import dev.spindle.security.AppSecret;
import dev.spindle.task.TaskEnv;
import org.apache.hadoop.conf.Configuration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real driver on loopback with executors in this JVM that run every task they are sent (through
 * the real TaskRunner): the whole Dataset API without YARN, for fast tests of its operations. Installs
 * the driver for {@code new SpindleContext()}; {@link #close()} removes it.
 */
final class LocalExecutors implements AutoCloseable {
    private record Env(Configuration hadoopConf, java.io.File shuffleDir, String host, BroadcastCache broadcasts,
                       PartitionCache cache, MemoryBudget memory) implements TaskEnv {
        @Override
        public Object broadcast(long id) {
            return broadcasts.value(id);
        }
    }

    private final Driver driver;
    private final List<Transport> transports = new ArrayList<>();
    /** Tasks run off the I/O thread, which must stay free to deliver the broadcasts they wait for. */
    private final java.util.concurrent.ExecutorService tasks = java.util.concurrent.Executors.newFixedThreadPool(4);
    private final List<BroadcastCache> broadcastCaches = new ArrayList<>();
    private final List<PartitionCache> caches = new ArrayList<>();

    LocalExecutors(int executors, Map<String, String> settings, Path shuffleDir) throws Exception {
        this(executors, settings, shuffleDir, 64L << 20);
    }

    /** @param cacheBytes each executor's memory budget, for its tasks and its cached partitions */
    LocalExecutors(int executors, Map<String, String> settings, Path shuffleDir, long cacheBytes) throws Exception {
        AppSecret secret = AppSecret.generate();
        driver = Driver.start(SpindleConf.of(settings), new Configuration(), secret, "127.0.0.1", "127.0.0.1");
        DriverRuntime.install(driver);
        String[] hp = driver.address().split(":");
        for (int i = 1; i <= executors; i++) {
            String id = Integer.toString(i);
            java.util.concurrent.atomic.AtomicReference<Connection> toDriver = new java.util.concurrent.atomic.AtomicReference<>();
            BroadcastCache cache = new BroadcastCache(id, m -> toDriver.get().send(m), 10_000);
            broadcastCaches.add(cache);
            java.io.File dir = shuffleDir.resolve("executor-" + id).toFile();
            MemoryBudget budget = new MemoryBudget(cacheBytes);
            PartitionCache partitions = new PartitionCache(budget, new java.io.File(dir, "cache"),
                    (dataset, partition, inMemory, onDisk) -> toDriver.get().send(
                            new Messages.PartitionCached(id, dataset, partition, inMemory, onDisk)));
            this.caches.add(partitions);
            Env env = new Env(new Configuration(), dir, "127.0.0.1", cache, partitions, budget);
            Transport t = new Transport("local-" + id, 1, TransportSecurity.of(secret, false));
            transports.add(t);
            Connection c = t.connect(hp[0], Integer.parseInt(hp[1]), 5000, Link.EXECUTOR, new MessageListener() {
                @Override
                public void onMessage(Connection connection, Message message) {
                    if (message instanceof LaunchTask launch) {
                        tasks.execute(() -> connection.send(TaskRunner.run(launch, id, env, getClass().getClassLoader())));
                    } else if (message instanceof Messages.BroadcastValue b) {
                        cache.received(b);
                    } else if (message instanceof Messages.Forget f && f.kind() == Messages.Forget.Kind.BROADCAST) {
                        cache.forget(f.id());
                    } else if (message instanceof Messages.Forget f) {
                        partitions.forget((int) f.id());
                    }
                }

                @Override
                public void onDisconnected(Connection connection) {
                }
            });
            toDriver.set(c);
            c.send(new RegisterExecutor(id, "127.0.0.1", 1, "container-" + id, 0));
        }
    }

    /** Executor {@code i}'s (from 1) cache of persisted partitions. */
    PartitionCache cache(int i) {
        return caches.get(i - 1);
    }

    /** Cuts executor {@code i} (from 1) off the driver, as if its process died: the driver drops it. */
    void kill(int i) {
        transports.get(i - 1).close();
    }

    /** How many broadcast values the driver has sent. */
    int broadcastRequests() {
        return driver.broadcastRequestsServed();
    }

    /** How many broadcasts each executor holds, by executor number from 1. */
    List<Integer> broadcastsHeld() {
        return broadcastCaches.stream().map(BroadcastCache::size).toList();
    }

    /** Stages the driver has run so far: a key-wise operation that needs no shuffle adds none. */
    int stagesRun() {
        return driver.summary().stages();
    }

    /** Where the tasks with a preference ran so far. */
    ApplicationSummary.Locality summaryLocality() {
        return driver.summary().locality();
    }

    /** What the application's tasks read, wrote and spilled so far. */
    dev.spindle.protocol.TaskMetrics summaryIo() {
        return driver.summary().io();
    }

    /** Tasks the driver has run so far. */
    int tasksRun() {
        return driver.summary().tasks();
    }

    @Override
    public void close() {
        DriverRuntime.clear(driver);
        driver.close();
        transports.forEach(Transport::close);
        tasks.shutdownNow();
    }
}
