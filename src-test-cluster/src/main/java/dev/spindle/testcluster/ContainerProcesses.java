package dev.spindle.testcluster;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JVMs of an application's containers on this machine, found the way an operator would: each
 * container runs in its own working directory under a NodeManager's local dirs
 * ({@code <nm>/local/usercache/<user>/appcache/<app>/<container>}), and {@code /proc/<pid>/cwd} says
 * which process runs there. For fault tests that kill a real executor or ApplicationMaster by pid,
 * never by a broad name. Linux only (it reads {@code /proc}).
 */
final class ContainerProcesses {
    private final Path baseDir;
    private final int nodes;

    ContainerProcesses(Path baseDir, int nodes) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.nodes = nodes;
    }

    /** The Java processes running containers of {@code app} now, by container. */
    Map<ContainerId, Long> jvms(ApplicationId app) {
        Map<ContainerId, Long> out = new TreeMap<>();
        ProcessHandle.allProcesses().forEach(p -> containerOf(p, app).ifPresent(c -> out.put(c, p.pid())));
        return out;
    }

    /** kill -9 of the JVM running {@code container}; returns its pid. */
    long killJvm(ContainerId container) {
        Long pid = jvms(container.getApplicationAttemptId().getApplicationId()).get(container);
        if (pid == null) {
            throw new IllegalStateException("no JVM runs container " + container + " on this machine");
        }
        // destroyForcibly is SIGKILL on Linux: the JVM gets no chance to clean up, as in a real crash.
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pid;
    }

    private Optional<ContainerId> containerOf(ProcessHandle p, ApplicationId app) {
        if (!p.info().command().map(c -> c.endsWith("/java")).orElse(false)) {
            return Optional.empty();
        }
        Path cwd;
        try {
            cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        // Any JVM on the machine is looked at: one working in "/" or "/tmp" has no application directory.
        Path appDir = cwd.getParent();
        Path appName = appDir == null ? null : appDir.getFileName();
        if (appName == null || !appName.toString().equals(app.toString()) || !ours(cwd)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContainerId.fromString(cwd.getFileName().toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the directory is in one of this cluster's NodeManagers' local dirs, not another cluster's. */
    private boolean ours(Path cwd) {
        for (int i = 0; i < nodes; i++) {
            if (cwd.startsWith(baseDir.resolve("nm-" + i))) {
                return true;
            }
        }
        return false;
    }
}
