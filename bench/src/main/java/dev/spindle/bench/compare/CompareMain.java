package dev.spindle.bench.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run.sh}: starts one embedded cluster, generates the inputs once, runs the comparison
 * and writes its report (markdown, SVG chart, CSV). Exits 1 when any run does not count (failed,
 * timed out, wrong answer) or the comparison cannot run (a peer not built, the cluster not starting),
 * with one line saying why; 2 on bad options.
 */
public final class CompareMain {
    private CompareMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("spindle.home", ".")).toAbsolutePath().normalize();
        CompareOptions o;
        try {
            o = CompareOptions.parse(args, home);
        } catch (CompareOptions.UsageException e) {
            boolean help = e.getMessage().startsWith("usage:");
            (help ? System.out : System.err).println(help ? e.getMessage() : "bench/run.sh: " + e.getMessage());
            System.exit(help ? 0 : 2);
            return;
        }
        try {
            System.exit(run(o, home, System.out));
        } catch (Exception e) {
            // The cluster's and every run's logs are on disk; the console gets what went wrong.
            System.err.println("bench/run.sh: " + (e.getMessage() == null ? e.toString() : e.getMessage())
                    + " (logs: bench/target/compare/)");
            System.exit(1);
        }
    }

    static int run(CompareOptions o, Path home, PrintStream out) throws Exception {
        Path work = Files.createDirectories(home.resolve("bench/target/compare"));
        Path logs = work.resolve("logs-" + System.currentTimeMillis());
        List<BenchSystem> systems = new ArrayList<>();
        for (String name : o.systems()) {
            systems.add(Systems.create(name, home, o.resources(), o.profiling()));
        }
        out.printf("Starting an embedded cluster of %d nodes%n", o.nodes());
        try (BenchCluster cluster = BenchCluster.start(o.nodes(), work.resolve("cluster-conf"),
                o.systems().contains("mapreduce"), o.profiling().dir() != null)) {
            long genStart = System.nanoTime();
            InputData data = InputData.generate(cluster.fileSystem(), new org.apache.hadoop.fs.Path("/bench/input"),
                    o.inputMb() << 20, (short) o.replication(), o.workloads());
            out.printf("Generated %d MiB of text and of records in %.1f s%n", o.inputMb(),
                    (System.nanoTime() - genStart) / 1e9);
            for (BenchSystem s : systems) {
                s.prepare(cluster);
            }
            Comparison c = new Comparison(cluster, data, systems, o.workloads(), o.repeats(), o.warmups(), logs,
                    Duration.ofMinutes(o.timeoutMinutes()), o.profiling(), out);
            List<Measurement> runs = c.run();
            Report report = new Report(runs, o.systems(), o.workloads());
            String name = o.name() != null ? o.name() : LocalDate.now(java.time.ZoneOffset.UTC) + "-" + o.inputMb() + "mb";
            String title = "Spindle vs peers: " + o.inputMb() + " MiB, " + o.repeats() + " rounds";
            Files.createDirectories(o.results());
            Map<String, String> commands = new LinkedHashMap<>();
            for (BenchSystem s : systems) {
                for (var w : o.workloads()) {
                    if (!s.runs(w)) {
                        continue;
                    }
                    Invocation inv = s.invocation(w, cluster, w == Workload.EMPTY ? null : data.input(w),
                            w == Workload.EMPTY ? null : "OUT");
                    commands.put(s.name() + " " + w.id(), String.join(" ", inv.command()));
                }
            }
            Path md = o.results().resolve(name + ".md");
            Files.writeString(md, report.markdown(title, settings(o, cluster, home), commands), StandardCharsets.UTF_8);
            Files.writeString(o.results().resolve(name + ".svg"),
                    SvgChart.render(report, o.systems(), o.workloads(), title), StandardCharsets.UTF_8);
            Files.writeString(o.results().resolve(name + ".csv"), report.csv(), StandardCharsets.UTF_8);
            out.println();
            out.print(Files.readString(md));
            out.printf("%nReport: %s (chart: %s.svg, runs: %s.csv; process logs in %s)%n", md, name, name, logs);
            return runs.stream().allMatch(Measurement::ok) ? 0 : 1;
        }
    }

    private static Map<String, String> settings(CompareOptions o, BenchCluster cluster, Path home) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("Input", o.inputMb() + " MiB of Zipf text (WordCount) and " + o.inputMb()
                + " MiB of 100-byte TeraGen-layout records (Sort), seed " + InputData.SEED
                + ", in files of at most 128 MiB (one HDFS block)");
        s.put("Cluster", "embedded, " + cluster.nodes() + " nodes (a DataNode + NodeManager each, own 127.0.0.x host), "
                + "inputs at HDFS replication " + o.replication() + ", Hadoop "
                + org.apache.hadoop.util.VersionInfo.getVersion());
        s.put("Resources (every system)", o.resources() + "; MapReduce: that many concurrent task containers of that "
                + "size, and the AM");
        s.put("Runs", o.repeats() + " rounds after " + o.warmups() + " warm-up round(s); systems alternate within each "
                + "round; every output checked against the generator's right answer before its time counts");
        s.put("Machine", Machine.describe());
        s.put("Spindle", Machine.gitRevision(home));
        return s;
    }
}
