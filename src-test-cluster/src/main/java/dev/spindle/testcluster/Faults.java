package dev.spindle.testcluster;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerId;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fault injection for tests of jobs, on the real processes and files of an embedded cluster: kill -9
 * of an application's executor (a chosen one or a random one) or of its ApplicationMaster, damage
 * to a map output file on a NodeManager's disk, and a NodeManager stopped as a lost node would be. Each kill returns once the JVM is gone, so a test can
 * go on at once. Processes are found by their containers' working directories and killed by pid,
 * never by name. Linux only (it reads {@code /proc}).
 *
 * <p>Thread-safe.
 */
public final class Faults {
    private static final long GONE_WITHIN_MILLIS = 30_000;

    private final ContainerProcesses processes;
    private final Path baseDir;
    private final int nodes;
    private final Random random;
    private final java.util.function.IntPredicate stopNode;
    private final LogFiles logs;

    /** The container log files of an application, as the NodeManagers keep them. */
    @FunctionalInterface
    interface LogFiles {
        List<Path> of(ApplicationId app) throws IOException;
    }

    Faults(ContainerProcesses processes, Path baseDir, int nodes, long seed, java.util.function.IntPredicate stopNode,
           LogFiles logs) {
        this.stopNode = stopNode;
        this.logs = logs;
        this.processes = processes;
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.nodes = nodes;
        this.random = new Random(seed);
    }

    /** kill -9 of the executor running in {@code container}; returns once its JVM is gone. */
    public void killExecutor(ContainerId container) {
        awaitGone(processes.killJvm(container), container);
    }

    /** kill -9 of one of the application's running executors, chosen at random; returns which. */
    public ContainerId killRandomExecutor(ApplicationId app) {
        List<ContainerId> executors = executors(app);
        if (executors.isEmpty()) {
            throw new IllegalStateException("no executor of " + app + " runs on this cluster now");
        }
        ContainerId victim = pick(executors);
        killExecutor(victim);
        return victim;
    }

    /** The application's executor containers whose JVMs run now (every container but the AM's). */
    public List<ContainerId> executors(ApplicationId app) {
        List<ContainerId> out = new ArrayList<>();
        for (ContainerId c : processes.jvms(app).keySet()) {
            if (!isApplicationMaster(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** kill -9 of the application's ApplicationMaster (with the driver in it, in cluster mode); returns its container. */
    public ContainerId killApplicationMaster(ApplicationId app) {
        for (Map.Entry<ContainerId, Long> e : processes.jvms(app).entrySet()) {
            if (isApplicationMaster(e.getKey())) {
                ContainerId am = e.getKey();
                awaitGone(processes.killJvm(am), am);
                return am;
            }
        }
        throw new IllegalStateException("no ApplicationMaster of " + app + " runs on this cluster now");
    }

    /**
     * Flips the bytes in the middle of one of the application's map output data files (chosen at random
     * among those that hold data), as a bad disk would; returns the file. Spindle's checksums must
     * catch it and recompute the output.
     */
    public Path corruptMapOutput(ApplicationId app) throws IOException {
        List<Path> outputs = mapOutputs(app);
        if (outputs.isEmpty()) {
            throw new IllegalStateException("no map output of " + app + " holds data on this cluster");
        }
        Path victim = pick(outputs);
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            long at = f.length() / 2;
            int n = (int) Math.min(8, f.length() - at);
            byte[] bytes = new byte[n];
            f.seek(at);
            f.readFully(bytes);
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) ~bytes[i];
            }
            f.seek(at);
            f.write(bytes);
        }
        return victim;
    }

    /** The application's map output data files that hold bytes, in every NodeManager's local dirs. */
    public List<Path> mapOutputs(ApplicationId app) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Path userCache = baseDir.resolve("nm-" + i).resolve("local").resolve("usercache");
            if (!Files.isDirectory(userCache)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(userCache)) {
                files.filter(f -> f.getFileName().toString().endsWith(".data")
                                && f.toString().contains("/appcache/" + app + "/") && f.toString().contains("/shuffle_"))
                        .filter(f -> f.toFile().length() > 0)
                        .sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Waits until the application's driver has finished stage {@code stageId} (stages are numbered
     * across the application's jobs, as the console's progress lines number them): the driver tells
     * the ApplicationMaster, which logs it, in both deploy modes. For striking at a chosen point of a
     * job, e.g. killing an executor right after a map stage.
     *
     * @throws IllegalStateException if the stage has not finished within {@code timeoutMillis}
     */
    public void awaitStageFinished(ApplicationId app, int stageId, long timeoutMillis)
            throws IOException, InterruptedException {
        String line = "Driver: job ";
        String stage = ": stage " + stageId + " (";
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            for (Path f : logs.of(app)) {
                if (f.getFileName().toString().equals("stderr") && isApplicationMaster(f.getParent())) {
                    for (String l : Files.readAllLines(f, java.nio.charset.StandardCharsets.UTF_8)) {
                        if (l.contains(line) && l.contains(stage) && l.contains(") finished in ")) {
                            return;
                        }
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stage " + stageId + " of " + app + " did not finish within "
                        + timeoutMillis + " ms");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static boolean isApplicationMaster(Path containerLogDir) {
        try {
            return containerLogDir != null
                    && isApplicationMaster(ContainerId.fromString(containerLogDir.getFileName().toString()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Stops the NodeManager running {@code container}, as a node that fails would: its containers are
     * killed, its applications' local files (map outputs) removed, and the ResourceManager told. The
     * node's DataNode stays up. Returns the node's index. Not undone: a stopped node stays stopped.
     */
    public int stopNodeManagerOf(ContainerId container) {
        int node = nodeOf(container);
        if (!stopNode.test(node)) {
            throw new IllegalStateException("NodeManager " + node + " did not stop within 30 s");
        }
        return node;
    }

    /** The index of the node whose NodeManager runs {@code container} (its working directory is there). */
    public int nodeOf(ContainerId container) {
        String app = container.getApplicationAttemptId().getApplicationId().toString();
        for (int i = 0; i < nodes; i++) {
            Path userCache = baseDir.resolve("nm-" + i).resolve("local").resolve("usercache");
            try (Stream<Path> users = Files.isDirectory(userCache) ? Files.list(userCache) : Stream.empty()) {
                if (users.anyMatch(u -> Files.isDirectory(u.resolve("appcache").resolve(app)
                        .resolve(container.toString())))) {
                    return i;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("container " + container + " has no working directory on this cluster");
    }

    private <T> T pick(List<T> from) {
        synchronized (random) {
            return from.get(random.nextInt(from.size()));
        }
    }

    /** The AM runs in the first container of each attempt. */
    private static boolean isApplicationMaster(ContainerId c) {
        return (c.getContainerId() & ContainerId.CONTAINER_ID_BITMASK) == 1;
    }

    private static void awaitGone(long pid, ContainerId container) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GONE_WITHIN_MILLIS);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the JVM of " + container + " (pid " + pid + ") is still alive "
                        + GONE_WITHIN_MILLIS + " ms after kill -9");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + container + " to die", e);
            }
        }
    }
}
