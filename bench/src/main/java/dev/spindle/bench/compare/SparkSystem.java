package dev.spindle.bench.compare;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Apache Spark 3.5 on YARN, client or cluster mode, running the same jobs written against Spark's
 * Java API ({@code bench/peers/spark}). There is no Spark distribution: spark-submit is Spark's own
 * {@code SparkSubmit} class on the peer's Maven-resolved jars. Those jars are uploaded to HDFS once
 * ({@code spark.yarn.jars}), as a cluster operator would, so no run pays for uploading them, and
 * containers use only them ({@code spark.yarn.populateHadoopClasspath=false}: Spark brings its own
 * shaded Hadoop client).
 */
final class SparkSystem implements BenchSystem {
    static final String JOB_JAR = "spindle-bench-spark.jar";
    /** What Spark's own launcher gives a Java 17 JVM (its JavaModuleOptions); SparkSubmit run directly needs them. */
    private static final List<String> JAVA17_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false");

    private final java.nio.file.Path lib;
    private final String mode;
    private final Resources resources;
    private final Profiling profiling;
    private String jarsOnHdfs;

    SparkSystem(java.nio.file.Path home, String mode, Resources resources, Profiling profiling) {
        this.lib = home.resolve("bench/peers/spark/target/lib");
        this.mode = mode;
        this.resources = resources;
        this.profiling = profiling;
    }

    @Override
    public String name() {
        return "spark-" + mode;
    }

    @Override
    public void prepare(BenchCluster cluster) throws IOException {
        if (!Files.isRegularFile(lib.resolve(JOB_JAR))) {
            throw new IOException("the Spark peer is not built: " + lib.resolve(JOB_JAR) + " is missing "
                    + "(bench/run.sh builds it; or mvn -f bench/peers/spark/pom.xml package)");
        }
        FileSystem fs = cluster.fileSystem();
        Path dir = fs.makeQualified(new Path("/bench/spark-jars"));
        jarsOnHdfs = dir + "/*.jar";
        if (fs.exists(dir)) {
            return;
        }
        fs.mkdirs(dir);
        try (var jars = Files.list(lib)) {
            // The job jar stays out: in containers Spark's libraries come before the application jar.
            List<Path> sources = new ArrayList<>();
            for (java.nio.file.Path j : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                if (!j.getFileName().toString().equals(JOB_JAR)) {
                    sources.add(new Path(j.toUri()));
                }
            }
            fs.copyFromLocalFile(false, true, sources.toArray(new Path[0]), dir);
        }
    }

    @Override
    public Invocation invocation(Workload workload, BenchCluster cluster, String input, String output) {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + "/bin/java");
        cmd.addAll(JAVA17_OPTIONS);
        // In client mode this JVM is the driver.
        cmd.add("-Xmx" + resources.memory());
        cmd.addAll(List.of("-cp", cluster.confDir() + File.pathSeparator + lib + "/*",
                "org.apache.spark.deploy.SparkSubmit", "--master", "yarn", "--deploy-mode", mode,
                "--name", "bench-" + name() + "-" + workload.id(),
                "--num-executors", String.valueOf(resources.executors()),
                "--executor-cores", String.valueOf(resources.cores()),
                "--executor-memory", resources.memory(), "--driver-memory", resources.memory(),
                "--conf", "spark.yarn.am.memory=" + resources.memory(),
                "--conf", "spark.yarn.jars=" + (jarsOnHdfs == null ? "hdfs:///bench/spark-jars/*.jar" : jarsOnHdfs),
                "--conf", "spark.yarn.populateHadoopClasspath=false",
                "--conf", "spark.default.parallelism=" + resources.reducers()));
        String jvm = profiling.taskJvmOptions(name(), workload);
        if (!jvm.isEmpty()) {
            cmd.addAll(List.of("--conf", "spark.executor.extraJavaOptions=" + jvm));
        }
        String jar = lib.resolve(JOB_JAR).toString();
        switch (workload) {
            case WORDCOUNT -> cmd.addAll(List.of("--class", "dev.spindle.bench.spark.WordCount", jar, input, output));
            case SORT -> cmd.addAll(List.of("--class", "dev.spindle.bench.spark.Sort", jar, input, output,
                    String.valueOf(resources.reducers())));
            case EMPTY -> cmd.addAll(List.of("--class", "dev.spindle.bench.spark.Empty", jar));
            case PAGERANK, PAGERANK_NOCACHE -> cmd.addAll(List.of("--class", "dev.spindle.bench.spark.PageRank", jar,
                    input, output, String.valueOf(Workload.PAGERANK_ITERATIONS),
                    workload == Workload.PAGERANK ? "cache" : "nocache"));
            case JOIN -> {
                String[] in = input.split(" ");
                cmd.addAll(List.of("--class", "dev.spindle.bench.spark.Join", jar, in[0], in[1], output));
            }
        }
        return new Invocation(cmd, Map.of("HADOOP_CONF_DIR", cluster.confDir().toString()));
    }
}
