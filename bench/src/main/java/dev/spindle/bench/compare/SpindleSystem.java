package dev.spindle.bench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spindle through {@code bin/spindle-submit --master yarn} against the bench cluster, in client or
 * cluster mode, running the examples jar's jobs. {@code noLocality} zeroes every locality wait (in
 * the AM's asks and in task placement), to measure what locality is worth.
 */
public final class SpindleSystem implements BenchSystem {
    private static final Pattern TIMELINE = Pattern.compile("timeline \\(ms since spindle-submit started\\):(.*)");
    private final Path home;
    private final String mode;
    private final Variant variant;
    private final Resources resources;
    private final Profiling profiling;

    /** Settings a run of Spindle may add to the defaults, each a system of its own in the reports. */
    public enum Variant {
        DEFAULTS("", List.of()),
        /** Every locality wait 0: what placement near the data is worth. */
        NO_LOCALITY("-nolocality", List.of("spindle.locality.wait.node=0", "spindle.locality.wait.rack=0",
                "spindle.yarn.am.localityWait=0")),
        /** spindle.network.crypto.enabled: what encrypting all traffic costs. */
        CRYPTO("-crypto", List.of("spindle.network.crypto.enabled=true")),
        /** spindle.shuffle.compress=false: what compressing map outputs costs or saves. */
        NO_COMPRESS("-nocompress", List.of("spindle.shuffle.compress=false")),
        /** spindle.yarn.frameworkCache.dir empty: Spindle's jars uploaded with every application, as before the cache. */
        NO_CACHE("-nocache", List.of("spindle.yarn.frameworkCache.dir=")),
        /** spindle.sort.sampleFraction=1: a sort's sample reads all of the input, as Spark's (and Spindle's before) did. */
        FULL_SAMPLE("-fullsample", List.of("spindle.sort.sampleFraction=1")),
        /** spindle.yarn.am.unmanaged: the ApplicationMaster inside spindle-submit (client mode only). */
        UNMANAGED_AM("-unmanaged", List.of("spindle.yarn.am.unmanaged=true"));

        final String suffix;
        @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
        final List<String> settings;

        Variant(String suffix, List<String> settings) {
            this.suffix = suffix;
            this.settings = settings;
        }
    }

    public SpindleSystem(Path home, String mode, Variant variant, Resources resources, Profiling profiling) {
        if (!mode.equals("client") && !mode.equals("cluster")) {
            throw new IllegalArgumentException("deploy mode must be client or cluster, not " + mode);
        }
        this.home = home;
        this.mode = mode;
        this.variant = variant;
        this.resources = resources;
        this.profiling = profiling;
    }

    @Override
    public String name() {
        return "spindle-" + mode + variant.suffix;
    }

    @Override
    public Invocation invocation(Workload workload, BenchCluster cluster, String input, String output) {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/spindle-submit").toString(), "--master", "yarn",
                "--deploy-mode", mode, "--verbose", "--name", "bench-" + name() + "-" + workload.id(),
                "--num-executors", String.valueOf(resources.executors()),
                "--executor-cores", String.valueOf(resources.cores()),
                "--executor-memory", resources.memory(), "--driver-memory", resources.memory(),
                "--conf", "spindle.default.parallelism=" + resources.reducers()));
        String jvm = profiling.taskJvmOptions(name(), workload);
        if (!jvm.isEmpty()) {
            cmd.addAll(List.of("--conf", "spindle.executor.extraJavaOptions=" + jvm));
        }
        for (String setting : variant.settings) {
            cmd.addAll(List.of("--conf", setting));
        }
        String jar = home.resolve("examples/target/spindle-examples.jar").toString();
        switch (workload) {
            case WORDCOUNT -> cmd.addAll(List.of("--class", "dev.spindle.examples.WordCount", jar, input, output,
                    "reduce", "0"));
            case SORT -> cmd.addAll(List.of("--class", "dev.spindle.examples.Sort", jar, input, output,
                    String.valueOf(resources.reducers())));
            case EMPTY -> cmd.addAll(List.of("--class", "dev.spindle.examples.EmptyJob", jar));
            case PAGERANK, PAGERANK_NOCACHE -> cmd.addAll(List.of("--class", "dev.spindle.examples.PageRank", jar, input,
                    output, String.valueOf(Workload.PAGERANK_ITERATIONS),
                    workload == Workload.PAGERANK ? "cache" : "nocache"));
            case JOIN -> {
                String[] in = input.split(" ");
                cmd.addAll(List.of("--class", "dev.spindle.examples.Join", jar, in[0], in[1], output));
            }
        }
        return new Invocation(cmd, Map.of("HADOOP_CONF_DIR", cluster.confDir().toString()));
    }

    /** The phases of spindle-submit's {@code --verbose} timeline line. */
    @Override
    public Map<String, Long> phasesFromOutput(String output) {
        Map<String, Long> phases = new LinkedHashMap<>();
        Matcher m = TIMELINE.matcher(output);
        if (m.find()) {
            for (String part : m.group(1).trim().split("\\s+")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    phases.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
                }
            }
        }
        return phases;
    }

    /** The locality line of spindle-submit's summary, or null. */
    public static String localityLine(String output) {
        Matcher m = Pattern.compile("locality: [^\\n]*").matcher(output);
        return m.find() ? m.group() : null;
    }
}
