package dev.spindle.bench.compare;

import dev.spindle.bench.data.Digest;
import dev.spindle.bench.data.OutputChecksum;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.client.api.YarnClient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs every workload on every system in alternation (A B C A B C …), so the drift of a shared
 * machine falls on all systems alike; each run is a process of its own, timed from start to exit,
 * and its output is checked against the known right answer before its time counts. Warm-up rounds
 * run first and are checked but not recorded.
 *
 * <p>Not thread-safe: one comparison runs on one thread.
 */
final class Comparison {
    private final BenchCluster cluster;
    private final InputData data;
    private final List<BenchSystem> systems;
    private final List<Workload> workloads;
    private final int repeats;
    private final int warmups;
    private final java.nio.file.Path logDir;
    private final Duration timeout;
    private final Profiling profiling;
    private final PrintStream out;

    Comparison(BenchCluster cluster, InputData data, List<BenchSystem> systems, List<Workload> workloads,
               int repeats, int warmups, java.nio.file.Path logDir, Duration timeout, Profiling profiling,
               PrintStream out) {
        this.cluster = cluster;
        this.data = data;
        this.systems = List.copyOf(systems);
        this.workloads = List.copyOf(workloads);
        this.repeats = repeats;
        this.warmups = warmups;
        this.logDir = logDir;
        this.timeout = timeout;
        this.profiling = profiling;
        this.out = out;
    }

    List<Measurement> run() throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        List<Measurement> results = new ArrayList<>();
        int total = 0;
        for (Workload w : workloads) {
            total += (warmups + repeats) * (int) systems.stream().filter(s -> s.runs(w)).count();
        }
        int n = 0;
        try (AppWatcher watcher = new AppWatcher(cluster.clientConf())) {
            for (int round = 1 - warmups; round <= repeats; round++) {
                for (Workload w : workloads) {
                    for (BenchSystem s : systems) {
                        if (!s.runs(w)) {
                            continue;
                        }
                        Measurement m = runOnce(s, w, round, watcher);
                        n++;
                        out.printf("[%d/%d] %-26s %-9s %s: %7.1f s  %s%n", n, total, s.name(), w.id(),
                                round <= 0 ? "warm-up" : "round " + round, m.wallMillis() / 1000.0, m.verdict());
                        out.flush();
                        if (round > 0) {
                            results.add(m);
                        }
                    }
                }
            }
        }
        return results;
    }

    private Measurement runOnce(BenchSystem s, Workload w, int round, AppWatcher watcher)
            throws IOException, InterruptedException {
        FileSystem fs = cluster.fileSystem();
        String tag = s.name() + "-" + w.id() + "-" + (round <= 0 ? "warmup" + (1 - round) : "r" + round);
        Path output = new Path("/bench/out/" + tag);
        fs.delete(output, true);
        String input = data.input(w);
        Invocation inv = s.invocation(w, cluster, input, w == Workload.EMPTY ? null : fs.makeQualified(output).toString());
        java.nio.file.Path log = logDir.resolve(tag + ".log");
        profiling.prepare(s.name(), w);
        ProcessBuilder pb = new ProcessBuilder(inv.command()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(inv.env());

        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        watcher.start(startMillis);
        Process p = pb.start();
        boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!exited) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        Map<String, Long> yarnPhases = watcher.stop();
        String app = watcher.applicationId();
        if (!exited && app != null) {
            killApplication(app);
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Map<String, Long> phases = new HashMap<>(yarnPhases);
        s.phasesFromOutput(text).forEach((k, v) -> phases.put(k.equals("am-registered") ? "am-running" : k, v));
        phases.put("exit", wall);

        String verdict;
        if (!exited) {
            verdict = "timed out after " + timeout.toMinutes() + " min (log: " + log + ")";
        } else if (p.exitValue() != 0) {
            verdict = "failed with exit code " + p.exitValue() + " (log: " + log + ")";
        } else {
            verdict = verify(fs, w, output);
        }
        fs.delete(output, true);
        String note = s instanceof SpindleSystem ? SpindleSystem.localityLine(text) : null;
        return new Measurement(s.name(), w, round, wall, verdict, phases, note);
    }

    private String verify(FileSystem fs, Workload w, Path output) throws IOException {
        return verify(fs, data, w, output);
    }

    /** "ok", or what is wrong with {@code output} as the answer of {@code w} over {@code data}. */
    static String verify(FileSystem fs, InputData data, Workload w, Path output) throws IOException {
        if (w == Workload.PAGERANK || w == Workload.PAGERANK_NOCACHE) {
            try {
                return data.checkRanks(fs, output);
            } catch (OutputChecksum.BadOutputException e) {
                return "wrong answer: " + e.getMessage();
            }
        }
        Digest expected = data.answer(w);
        if (expected == null) {
            return "ok";
        }
        try {
            Digest actual = w == Workload.SORT ? OutputChecksum.sortedRecords(fs, output) : OutputChecksum.lines(fs, output);
            return actual.equals(expected) ? "ok" : "wrong answer: digest " + actual + ", expected " + expected;
        } catch (OutputChecksum.BadOutputException e) {
            return "wrong answer: " + e.getMessage();
        }
    }

    private void killApplication(String app) {
        try (YarnClient yc = YarnClient.createYarnClient()) {
            yc.init(cluster.clientConf());
            yc.start();
            yc.killApplication(ApplicationId.fromString(app));
        } catch (Exception e) {
            out.println("could not kill " + app + ": " + e.getMessage());
        }
    }
}
