package dev.spindle.bench.compare;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hadoop MapReduce: the WordCount and TeraSort of hadoop-mapreduce-examples, and SleepJob (one map,
 * no reduce, 1 ms) as the empty job, submitted by Hadoop's own {@code RunJar} from the jars of
 * {@code bench/peers/mapreduce} (the MapReduce framework at the cluster's Hadoop version; only the
 * examples' own classes are 3.4.2, the last release of that jar). Containers get the same jars.
 *
 * <p>MapReduce has no executors: "N executors of M MiB" becomes at most N map and N reduce
 * containers of M MiB at a time, reduces starting only after every map so the two never overlap.
 */
final class MapReduceSystem implements BenchSystem {
    private static final String EXAMPLES = "hadoop-mapreduce-examples-3.4.2.jar";
    private final java.nio.file.Path lib;
    private final java.nio.file.Path log4j;
    private final Resources resources;
    private final Profiling profiling;

    MapReduceSystem(java.nio.file.Path home, Resources resources, Profiling profiling) {
        this.lib = home.resolve("bench/peers/mapreduce/target/lib");
        this.log4j = home.resolve("bench/peers/mapreduce/log4j.properties");
        this.resources = resources;
        this.profiling = profiling;
    }

    @Override
    public String name() {
        return "mapreduce";
    }

    /** Hadoop's examples have WordCount, TeraSort and SleepJob; no PageRank or join report. */
    @Override
    public boolean runs(Workload workload) {
        return workload == Workload.WORDCOUNT || workload == Workload.SORT || workload == Workload.EMPTY;
    }

    @Override
    public void prepare(BenchCluster cluster) throws IOException {
        if (!Files.isRegularFile(lib.resolve(EXAMPLES))) {
            throw new IOException("the MapReduce peer is not built: " + lib.resolve(EXAMPLES) + " is missing "
                    + "(bench/run.sh builds it; or mvn -f bench/peers/mapreduce/pom.xml package)");
        }
    }

    @Override
    public Invocation invocation(Workload workload, BenchCluster cluster, String input, String output) {
        int heap = resources.memoryMb() * 4 / 5;
        String jvm = profiling.taskJvmOptions(name(), workload);
        String taskOpts = "-Xmx" + heap + "m" + (jvm.isEmpty() ? "" : " " + jvm);
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                "-Xmx" + resources.memory(), "-Dlog4j.configuration=file:" + log4j,
                "-cp", cluster.confDir() + File.pathSeparator + lib + "/*"));
        String classpath = lib + "/*";
        List<String> conf = new ArrayList<>(List.of(
                "yarn.application.classpath=" + classpath, "mapreduce.application.classpath=" + classpath,
                "yarn.app.mapreduce.am.resource.mb=" + resources.memoryMb(),
                "yarn.app.mapreduce.am.command-opts=-Xmx" + heap + "m",
                "mapreduce.map.memory.mb=" + resources.memoryMb(), "mapreduce.reduce.memory.mb=" + resources.memoryMb(),
                "mapreduce.map.java.opts=" + taskOpts, "mapreduce.reduce.java.opts=" + taskOpts,
                "mapreduce.map.cpu.vcores=" + resources.cores(), "mapreduce.reduce.cpu.vcores=" + resources.cores(),
                "mapreduce.job.running.map.limit=" + resources.executors(),
                "mapreduce.job.running.reduce.limit=" + resources.executors(),
                "mapreduce.job.reduce.slowstart.completedmaps=1.0",
                "mapreduce.job.reduces=" + resources.reducers(),
                // MapReduce's defaults are 1 s; Spindle's AM heartbeats every 100 ms while it waits for
                // containers, and a client that polls once a second would add up to 1 s to every run.
                "yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms=100",
                "mapreduce.client.progressmonitor.pollinterval=100",
                // TeraSort writes one replica by default; the other systems write the cluster's default.
                "mapreduce.terasort.output.replication=" + cluster.clientConf().get("dfs.replication", "1")));
        switch (workload) {
            case WORDCOUNT -> {
                cmd.addAll(List.of("org.apache.hadoop.util.RunJar", lib.resolve(EXAMPLES).toString(), "wordcount"));
                conf.forEach(c -> cmd.addAll(List.of("-D", c)));
                cmd.addAll(List.of(input, output));
            }
            case SORT -> {
                cmd.addAll(List.of("org.apache.hadoop.util.RunJar", lib.resolve(EXAMPLES).toString(), "terasort"));
                conf.forEach(c -> cmd.addAll(List.of("-D", c)));
                cmd.addAll(List.of(input, output));
            }
            case PAGERANK, PAGERANK_NOCACHE, JOIN -> throw new IllegalArgumentException(
                    "MapReduce has no " + workload.id() + " job of its own to compare with");
            case EMPTY -> {
                cmd.add("org.apache.hadoop.mapreduce.SleepJob");
                conf.forEach(c -> cmd.addAll(List.of("-D", c)));
                cmd.addAll(List.of("-m", "1", "-r", "0", "-mt", "1", "-rt", "1"));
            }
        }
        return new Invocation(cmd, Map.of("HADOOP_CONF_DIR", cluster.confDir().toString()));
    }
}
