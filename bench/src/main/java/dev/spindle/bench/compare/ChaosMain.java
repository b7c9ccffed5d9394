package dev.spindle.bench.compare;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/chaos.sh}: Spindle jobs (WordCount and Sort, both deploy modes) on an embedded cluster,
 * each run with a kill -9 of a random executor JVM at a random moment (or, with
 * {@code --moment after-map}, as soon as the first stage has finished), and some with the
 * ApplicationMaster killed as well. Every output is checked against the generator's right answer, and
 * for partial output (an OUT without {@code _SUCCESS}, or with {@code _temporary} left in it). Reports
 * correct runs / N, partial outputs, and each run's slowdown against a clean run of the same job and
 * mode measured first. Exits 1 when any run was wrong or left partial output; 2 on bad options.
 */
public final class ChaosMain {
    /** One chaos run: what was done to it, and what came of it. */
    record Run(int number, Workload workload, String mode, String faults, long wallMillis, String verdict,
               boolean partial, double slowdown) {
        boolean correct() {
            return verdict.equals("ok");
        }
    }

    private static final String USAGE = """
            usage: bench/chaos.sh [--runs N] [--input-mb N] [--nodes N] [--seed N] [--workloads wordcount,sort]
                                  [--modes client,cluster] [--moment random|after-map] [--am-every N]
                                  [--warmups N] [--name NAME]
              --runs N        chaos runs (default 20), cycling over the workloads and modes
              --input-mb N    MiB of input per workload (default 64), HDFS replication 2
              --nodes N       nodes of the embedded cluster (default 3)
              --seed N        seed of the kill moments and victims (default 1)
              --moment M      random (default): a kill at a random point of a clean run's time; after-map:
                              when the first stage has finished (client mode only: spindle-submit prints it)
              --am-every N    in cluster mode, every N-th run kills the ApplicationMaster too (default 3; 0: never)
              --warmups N     untimed rounds of every job and mode before the clean baseline (default 1)
              --name NAME     report name under bench/results (default: DATE-chaos-MB)""";

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("spindle.home", ".")).toAbsolutePath()
                .normalize();
        Map<String, String> o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            boolean help = e.getMessage().startsWith("usage:");
            (help ? System.out : System.err).println(help ? e.getMessage() : "bench/chaos.sh: " + e.getMessage());
            System.exit(help ? 0 : 2);
            return;
        }
        try {
            System.exit(run(o, home, System.out));
        } catch (Exception e) {
            System.err.println("bench/chaos.sh: " + (e.getMessage() == null ? e.toString() : e.getMessage())
                    + " (logs: bench/target/chaos/)");
            System.exit(1);
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new HashMap<>(Map.of("runs", "20", "input-mb", "64", "nodes", "3", "seed", "1",
                "workloads", "wordcount,sort", "modes", "client,cluster", "moment", "random", "am-every", "3",
                "warmups", "1"));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (!a.startsWith("--") || (!o.containsKey(a.substring(2)) && !a.equals("--name"))) {
                throw new IllegalArgumentException("unknown option " + a + " (--help lists them)");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            o.put(a.substring(2), args[++i]);
        }
        for (String k : List.of("runs", "input-mb", "nodes", "seed", "am-every", "warmups")) {
            try {
                if (Long.parseLong(o.get(k)) < (List.of("am-every", "seed", "warmups").contains(k) ? 0 : 1)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + k + " takes a positive whole number, not '" + o.get(k) + "'");
            }
        }
        for (String w : o.get("workloads").split(",")) {
            if (Workload.parse(w) == Workload.EMPTY) {
                throw new IllegalArgumentException("the empty job has no data to lose: --workloads wordcount,sort");
            }
        }
        for (String m : o.get("modes").split(",")) {
            if (!m.equals("client") && !m.equals("cluster")) {
                throw new IllegalArgumentException("--modes takes client and/or cluster, not '" + m + "'");
            }
        }
        if (!o.get("moment").equals("random") && !o.get("moment").equals("after-map")) {
            throw new IllegalArgumentException("--moment is random or after-map, not '" + o.get("moment") + "'");
        }
        if (o.get("moment").equals("after-map") && o.get("modes").contains("cluster")) {
            throw new IllegalArgumentException("--moment after-map needs --modes client (the driver's progress is "
                    + "printed by spindle-submit only in client mode)");
        }
        return o;
    }

    static int run(Map<String, String> o, java.nio.file.Path home, PrintStream out) throws Exception {
        int runs = Integer.parseInt(o.get("runs"));
        int mb = Integer.parseInt(o.get("input-mb"));
        long seed = Long.parseLong(o.get("seed"));
        int amEvery = Integer.parseInt(o.get("am-every"));
        boolean afterMap = o.get("moment").equals("after-map");
        List<Workload> workloads = o.get("workloads").lines().flatMap(l -> List.of(l.split(",")).stream())
                .map(Workload::parse).toList();
        List<String> modes = List.of(o.get("modes").split(","));
        java.nio.file.Path work = Files.createDirectories(home.resolve("bench/target/chaos"));
        java.nio.file.Path logs = Files.createDirectories(work.resolve("logs-" + System.currentTimeMillis()));
        Resources resources = new Resources(2, 1, 1024, 2);
        Random random = new Random(seed);
        out.printf("Starting an embedded cluster of %s nodes%n", o.get("nodes"));
        try (BenchCluster cluster = BenchCluster.start(Integer.parseInt(o.get("nodes")), work.resolve("cluster-conf"),
                false, false, seed)) {
            FileSystem fs = cluster.fileSystem();
            InputData data = InputData.generate(fs, new Path("/chaos/input"), (long) mb << 20, (short) 2, workloads);
            out.printf("Generated %d MiB of text and of records%n", mb);

            Map<String, Long> clean = new HashMap<>();
            // The first runs on a new cluster are slower (cold JVMs, disks): warm up before the clean baseline.
            for (int i = 0; i < Integer.parseInt(o.get("warmups")); i++) {
                for (String mode : modes) {
                    for (Workload w : workloads) {
                        runOnce(cluster, data, w, mode, resources, home, logs, "warmup-" + i + "-" + w.id() + "-" + mode,
                                null, 0, false, 0);
                    }
                }
            }
            for (String mode : modes) {
                for (Workload w : workloads) {
                    Run r = runOnce(cluster, data, w, mode, resources, home, logs, "clean-" + w.id() + "-" + mode,
                            null, 0, false, 0);
                    if (!r.correct()) {
                        throw new IllegalStateException("the clean " + w.id() + " run in " + mode + " mode failed: "
                                + r.verdict());
                    }
                    clean.put(w.id() + "/" + mode, r.wallMillis());
                    out.printf("clean %-9s %-7s %7.1f s%n", w.id(), mode, r.wallMillis() / 1000.0);
                }
            }
            List<Run> results = new ArrayList<>();
            int clusterRuns = 0;
            for (int i = 0; i < runs; i++) {
                Workload w = workloads.get(i % workloads.size());
                String mode = modes.get((i / workloads.size()) % modes.size());
                long cleanMillis = clean.get(w.id() + "/" + mode);
                boolean killAm = mode.equals("cluster") && amEvery > 0 && ++clusterRuns % amEvery == 0;
                // A moment inside the job's own time: past start-up (a fifth of the clean run) and before its end.
                long at = afterMap ? -1 : (long) (cleanMillis * (0.2 + 0.6 * random.nextDouble()));
                long amAt = killAm ? (long) (cleanMillis * (0.3 + 0.5 * random.nextDouble())) : 0;
                Run r = runOnce(cluster, data, w, mode, resources, home, logs, "chaos-" + (i + 1) + "-" + w.id() + "-"
                        + mode, random, at, killAm, amAt);
                r = new Run(i + 1, w, mode, r.faults(), r.wallMillis(), r.verdict(), r.partial(),
                        r.wallMillis() / (double) cleanMillis);
                results.add(r);
                out.printf("[%d/%d] %-9s %-7s %-48s %7.1f s (%.2fx)  %s%s%n", i + 1, runs, w.id(), mode, r.faults(),
                        r.wallMillis() / 1000.0, r.slowdown(), r.verdict(), r.partial() ? "  PARTIAL OUTPUT" : "");
                out.flush();
            }
            String report = report(results, clean, o, mb, cluster.nodes());
            String name = o.getOrDefault("name", LocalDate.now(java.time.ZoneOffset.UTC) + "-chaos-" + mb + "mb");
            java.nio.file.Path results_ = Files.createDirectories(home.resolve("bench/results"));
            Files.writeString(results_.resolve(name + ".md"), report, StandardCharsets.UTF_8);
            out.println();
            out.print(report);
            out.printf("%nReport: %s (process logs in %s)%n", results_.resolve(name + ".md"), logs);
            boolean allGood = results.stream().allMatch(r -> r.correct() && !r.partial());
            return allGood ? 0 : 1;
        }
    }

    /**
     * One run of {@code w} in {@code mode}; with a {@code random}, kills a random executor at {@code at}
     * ms (or after the first stage when {@code at} is negative) and, with {@code killAm}, the AM at
     * {@code amAt} ms.
     */
    private static Run runOnce(BenchCluster cluster, InputData data, Workload w, String mode, Resources resources,
                               java.nio.file.Path home, java.nio.file.Path logs, String tag, Random random, long at,
                               boolean killAm, long amAt) throws Exception {
        FileSystem fs = cluster.fileSystem();
        Path output = new Path("/chaos/out/" + tag);
        fs.delete(output, true);
        SpindleSystem system = new SpindleSystem(home, mode, SpindleSystem.Variant.DEFAULTS, resources, Profiling.OFF);
        Invocation inv = system.invocation(w, cluster, data.input(w), fs.makeQualified(output).toString());
        java.nio.file.Path log = logs.resolve(tag + ".log");
        ProcessBuilder pb = new ProcessBuilder(inv.command()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(inv.env());
        long start = System.nanoTime();
        Process p = pb.start();
        List<String> done = new ArrayList<>();
        boolean executorKilled = random == null;
        boolean amKilled = !killAm;
        long deadline = start + TimeUnit.MINUTES.toNanos(20);
        while (p.isAlive() && System.nanoTime() < deadline) {
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            ApplicationId app = runningApplication(cluster);
            if (!executorKilled && app != null && (at >= 0 ? elapsed >= at : firstStageFinished(log))) {
                if (!cluster.faults().executors(app).isEmpty()) {
                    done.add("executor " + cluster.faults().killRandomExecutor(app).getContainerId() + " at "
                            + elapsed + " ms");
                    executorKilled = true;
                }
            }
            if (!amKilled && app != null && elapsed >= amAt) {
                try {
                    cluster.faults().killApplicationMaster(app);
                    done.add("AM at " + elapsed + " ms");
                    amKilled = true;
                } catch (IllegalStateException e) {
                    // Between attempts, or not started yet: try again on the next pass.
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        boolean exited = p.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                TimeUnit.MILLISECONDS);
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String verdict;
        if (!exited) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            verdict = "timed out (log: " + log + ")";
        } else if (p.exitValue() != 0) {
            verdict = "failed with exit code " + p.exitValue() + " (log: " + log + ")";
        } else {
            verdict = Comparison.verify(fs, data, w, output);
        }
        if (random != null && !executorKilled) {
            done.add("no executor to kill before the end");
        }
        boolean partial = fs.exists(output) && (!fs.exists(new Path(output, "_SUCCESS"))
                || fs.exists(new Path(output, "_temporary")));
        fs.delete(output, true);
        return new Run(0, w, mode, done.isEmpty() ? "none" : String.join(", ", done), wall, verdict, partial, 1.0);
    }

    private static ApplicationId runningApplication(BenchCluster cluster) throws IOException {
        List<ApplicationReport> live = cluster.unfinishedApplications();
        return live.size() == 1 ? live.get(0).getApplicationId() : null;
    }

    private static boolean firstStageFinished(java.nio.file.Path log) throws IOException {
        return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(": stage 0 finished");
    }

    static String report(List<Run> runs, Map<String, Long> clean, Map<String, String> o, int mb, int nodes) {
        long correct = runs.stream().filter(Run::correct).count();
        long partial = runs.stream().filter(Run::partial).count();
        StringBuilder md = new StringBuilder();
        md.append("# Chaos: ").append(runs.size()).append(" runs, ").append(mb).append(" MiB\n\n");
        md.append(String.format(Locale.ROOT, "- correct: **%d / %d**%n- partial outputs: **%d**%n", correct,
                runs.size(), partial));
        for (String key : new java.util.TreeSet<>(clean.keySet())) {
            List<Double> s = runs.stream().filter(r -> (r.workload().id() + "/" + r.mode()).equals(key))
                    .map(Run::slowdown).sorted().toList();
            if (!s.isEmpty()) {
                md.append(String.format(Locale.ROOT, "- %s: clean %.1f s; median slowdown with faults %.2fx "
                        + "(min %.2fx, max %.2fx, %d runs)%n", key, clean.get(key) / 1000.0, s.get(s.size() / 2),
                        s.get(0), s.get(s.size() - 1), s.size()));
            }
        }
        md.append("\nSettings: ").append(nodes).append(" nodes, inputs at replication 2, 2 executors x 1 core x 1 GiB, ")
                .append("2 reducers; kill moment ").append(o.get("moment")).append(", seed ").append(o.get("seed"))
                .append(", AM killed every ").append(o.get("am-every")).append(" cluster-mode run(s). Machine: ")
                .append(Machine.describe()).append("\n\n");
        md.append("| # | job | mode | faults | wall | slowdown | verdict | partial |\n|---|---|---|---|---:|---:|---|---|\n");
        for (Run r : runs) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %.1f s | %.2fx | %s | %s |%n", r.number(),
                    r.workload().id(), r.mode(), r.faults(), r.wallMillis() / 1000.0, r.slowdown(),
                    r.verdict().replace("|", "/"), r.partial() ? "yes" : "no"));
        }
        return md.toString();
    }
}
