package dev.spindle.bench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The options of {@code bench/run.sh}, validated: every mistake is one sentence naming the option.
 */
record CompareOptions(long inputMb, List<String> systems, List<Workload> workloads, int repeats, int warmups,
                      int nodes, int replication, Resources resources, Path results, String name, int timeoutMinutes,
                      boolean smoke, Profiling profiling) {
    static final String USAGE = """
            usage: bench/run.sh [--input-mb N] [--systems S,...] [--workloads W,...] [--repeats R] [--warmups W]
                                [--nodes N] [--replication N] [--executors N] [--executor-cores N] [--executor-memory-mb N]
                                [--reducers N] [--results DIR] [--name NAME] [--timeout-min N] [--profile DIR]
                   bench/run.sh --smoke
              systems:   spindle (= spindle-client,spindle-cluster), spindle-client, spindle-cluster,
                         spindle-nolocality (client mode, every locality wait 0),
                         spindle-crypto (client mode, spindle.network.crypto.enabled=true),
                         spindle-nocompress (client mode, spindle.shuffle.compress=false),
                         spindle-nocache (client mode, Spindle's jars uploaded with every application),
                         spindle-fullsample (client mode, spindle.sort.sampleFraction=1: a sort's sample reads everything),
                         spindle-unmanaged (client mode, the ApplicationMaster inside spindle-submit), mapreduce,
                         spark (= spark-client,spark-cluster), spark-client, spark-cluster
              workloads: wordcount, sort, empty, pagerank (10 iterations, links cached), pagerank-nocache, join
                         (MapReduce runs only the first three: it has no PageRank or join report of its own)
              defaults:  --input-mb 64 --systems spindle,mapreduce,spark --workloads wordcount,sort,empty
                         --repeats 3 --warmups 1 --nodes 2 --replication (nodes, at most 3) --executors 2 --executor-cores 1
                         --executor-memory-mb 1024 --reducers 2 --results bench/results --timeout-min 30
              --profile: JFR in every task JVM, recordings under DIR/<system>-<workload>/ (for ProfileSummary)
              --smoke:   2 MiB, Spindle only, every workload once, no warm-up, results in bench/target/smoke""";

    static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CompareOptions parse(String[] args, Path home) throws UsageException {
        long inputMb = 64;
        String systems = "spindle,mapreduce,spark";
        String workloads = "wordcount,sort,empty";
        int repeats = 3;
        int warmups = 1;
        int nodes = 2;
        int replication = 0;
        int executors = 2;
        int cores = 1;
        int memory = 1024;
        int reducers = 2;
        Path results = home.resolve("bench/results");
        String name = null;
        int timeout = 30;
        boolean smoke = false;
        Profiling profiling = Profiling.OFF;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--smoke")) {
                smoke = true;
                continue;
            }
            if (a.equals("-h") || a.equals("--help")) {
                throw new UsageException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(a.startsWith("--") ? a + " needs a value" : "unexpected argument '" + a + "'");
            }
            String v = args[++i];
            switch (a) {
                case "--input-mb" -> inputMb = number(a, v, 1);
                case "--systems" -> systems = v;
                case "--workloads" -> workloads = v;
                case "--repeats" -> repeats = (int) number(a, v, 1);
                case "--warmups" -> warmups = (int) number(a, v, 0);
                case "--nodes" -> nodes = (int) number(a, v, 1);
                case "--replication" -> replication = (int) number(a, v, 1);
                case "--executors" -> executors = (int) number(a, v, 1);
                case "--executor-cores" -> cores = (int) number(a, v, 1);
                case "--executor-memory-mb" -> memory = (int) number(a, v, 256);
                case "--reducers" -> reducers = (int) number(a, v, 1);
                case "--results" -> results = Path.of(v);
                case "--name" -> name = v;
                case "--timeout-min" -> timeout = (int) number(a, v, 1);
                case "--profile" -> profiling = new Profiling(Path.of(v));
                default -> throw new UsageException("unknown option '" + a + "' (bench/run.sh --help lists them)");
            }
        }
        if (smoke) {
            if (args.length != 1) {
                throw new UsageException("--smoke takes no other options");
            }
            return new CompareOptions(2, expand("spindle"), List.of(Workload.values()), 1, 0, 2, 2,
                    new Resources(2, 1, 512, 2), home.resolve("bench/target/smoke"), "smoke", 10, true, Profiling.OFF);
        }
        List<Workload> ws = new ArrayList<>();
        for (String w : v(workloads)) {
            try {
                ws.add(Workload.parse(w));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--workloads: " + e.getMessage());
            }
        }
        if (replication > nodes) {
            throw new UsageException("--replication " + replication + " needs at least as many nodes, not " + nodes);
        }
        if (ws.isEmpty()) {
            throw new UsageException("--workloads names no workload");
        }
        return new CompareOptions(inputMb, expand(systems), List.copyOf(new LinkedHashSet<>(ws)), repeats, warmups, nodes,
                replication == 0 ? Math.min(3, nodes) : replication,
                new Resources(executors, cores, memory, reducers), results, name, timeout, false, profiling);
    }

    private static List<String> v(String list) {
        List<String> out = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    static List<String> expand(String systems) throws UsageException {
        Set<String> out = new LinkedHashSet<>();
        for (String s : v(systems)) {
            switch (s) {
                case "spindle" -> out.addAll(List.of("spindle-client", "spindle-cluster"));
                case "spark" -> out.addAll(List.of("spark-client", "spark-cluster"));
                case "spindle-nolocality" -> out.add("spindle-client-nolocality");
                case "spindle-crypto" -> out.add("spindle-client-crypto");
                case "spindle-nocompress" -> out.add("spindle-client-nocompress");
                case "spindle-nocache" -> out.add("spindle-client-nocache");
                case "spindle-fullsample" -> out.add("spindle-client-fullsample");
                case "spindle-unmanaged" -> out.add("spindle-client-unmanaged");
                case "spindle-client", "spindle-cluster", "spark-client", "spark-cluster", "mapreduce" -> out.add(s);
                default -> throw new UsageException("--systems: unknown system '" + s
                        + "' (spindle, spindle-client, spindle-cluster, spindle-nolocality, spindle-crypto, spindle-nocompress,"
                        + " spindle-nocache, spindle-fullsample, spindle-unmanaged,"
                        + " mapreduce, spark, "
                        + "spark-client, spark-cluster)");
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--systems names no system");
        }
        return List.copyOf(out);
    }

    private static long number(String option, String v, long min) throws UsageException {
        try {
            long n = Long.parseLong(v);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new UsageException(option + " needs a whole number of at least " + min + ", not '" + v + "'");
    }
}
