package dev.spindle.testkit;

import dev.spindle.submit.SpindleHome;
import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.submit.SpindleSubmit;
import dev.spindle.submit.SubmitResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Submits a job to an {@link EmbeddedCluster} from a test, as {@code spindle-submit} would with the
 * cluster's configuration: the job's class from the test's class path (its classes jarred as a user's
 * build would) or a jar, in either deploy mode; Spindle's own jars come from the test's class path too,
 * so a project that depends on Spindle's artifacts needs no Spindle installation.
 *
 * <pre>{@code
 * JobRun run = SpindleJob.of(MyJob.class).deployMode("cluster").args(in, out).run(cluster);
 * assertEquals(0, run.exitCode(), run.errors());
 * }</pre>
 *
 * <p>Not thread-safe: a builder, used by one test. Client-mode runs hold {@code System.out} while the
 * job's main runs (to return what it printed), so they run one at a time in a JVM.
 */
public final class SpindleJob {
    private static final Object CLIENT_MODE_RUNS = new Object();
    private static SpindleHome home;

    private final Class<?> mainClass;
    private final Path jar;
    private final List<String> options = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private String deployMode = "client";

    private SpindleJob(Class<?> mainClass, Path jar) {
        this.mainClass = mainClass;
        this.jar = jar;
    }

    /** The job whose {@code main} is in {@code mainClass}, shipped with the classes beside it. */
    public static SpindleJob of(Class<?> mainClass) {
        return new SpindleJob(mainClass, null);
    }

    /** The job {@code mainClass} of an application jar, as {@code spindle-submit --class mainClass jar}. */
    public static SpindleJob ofJar(Path jar, String mainClass) {
        SpindleJob job = new SpindleJob(null, jar);
        job.options.addAll(List.of("--class", mainClass));
        return job;
    }

    /** {@code client} (the default: the driver runs in this JVM) or {@code cluster}. */
    public SpindleJob deployMode(String mode) {
        this.deployMode = mode;
        return this;
    }

    /** A setting, as {@code --conf key=value}. */
    public SpindleJob conf(String key, String value) {
        options.addAll(List.of("--conf", key + "=" + value));
        return this;
    }

    /** Any of spindle-submit's options, e.g. {@code option("--num-executors", "3")}. */
    public SpindleJob option(String... optionAndValue) {
        options.addAll(List.of(optionAndValue));
        return this;
    }

    /** The job's own arguments. */
    public SpindleJob args(String... jobArgs) {
        args.addAll(List.of(jobArgs));
        return this;
    }

    /** Submits the job and waits for its end. */
    public JobRun run(EmbeddedCluster cluster) {
        try {
            Path work = Files.createTempDirectory("spindle-job-");
            Path confDir = Files.createDirectories(work.resolve("conf"));
            cluster.writeClientConf(confDir);
            List<String> command = new ArrayList<>(List.of("--deploy-mode", deployMode));
            command.addAll(options);
            if (mainClass != null) {
                command.addAll(List.of("--class", mainClass.getName(), jarOf(mainClass, work).toString()));
            } else {
                command.add(jar.toString());
            }
            command.addAll(args);
            return submit(cluster, Map.of("HADOOP_CONF_DIR", confDir.toString()), command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JobRun submit(EmbeddedCluster cluster, Map<String, String> env, List<String> command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream submitOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream submitErr = new PrintStream(err, true, StandardCharsets.UTF_8);
        SpindleSubmit submit = new SpindleSubmit(submitOut, submitErr, env).withHome(home());
        SubmitResult result;
        String driverOut;
        if (deployMode.equals("cluster")) {
            result = submit.execute(command.toArray(String[]::new));
            driverOut = result.applicationId() == null ? "" : applicationMasterStdout(cluster, result.applicationId());
        } else {
            ByteArrayOutputStream jobOut = new ByteArrayOutputStream();
            synchronized (CLIENT_MODE_RUNS) {
                PrintStream systemOut = System.out;
                System.setOut(new PrintStream(jobOut, true, StandardCharsets.UTF_8));
                try {
                    result = submit.execute(command.toArray(String[]::new));
                } finally {
                    System.setOut(systemOut);
                }
            }
            driverOut = jobOut.toString(StandardCharsets.UTF_8);
        }
        return new JobRun(result.exitCode(), result.applicationId(), result.finalStatus(), result.diagnostics(),
                driverOut, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What the ApplicationMaster's container (the driver, in cluster mode) printed. */
    private static String applicationMasterStdout(EmbeddedCluster cluster, String appId) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path f : cluster.containerLogFiles(org.apache.hadoop.yarn.api.records.ApplicationId.fromString(appId))) {
            if (f.getFileName().toString().equals("stdout") && f.getParent().getFileName().toString()
                    .endsWith("_000001")) {
                b.append(Files.readString(f));
            }
        }
        return b.toString();
    }

    /** Spindle's jars from this JVM's class path, assembled once per JVM. */
    private static synchronized SpindleHome home() throws IOException {
        if (home == null) {
            home = SpindleHome.assemble(Files.createTempDirectory("spindle-home-"),
                    SpindleJob.class.getClassLoader());
        }
        return home;
    }

    /** The jar of the classes {@code mainClass} is loaded from: that jar, or its class directory jarred. */
    static Path jarOf(Class<?> mainClass, Path work) throws IOException {
        Path from;
        try {
            from = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("cannot tell where " + mainClass.getName() + " is loaded from", e);
        }
        if (Files.isRegularFile(from)) {
            return from;
        }
        Path jar = work.resolve("job.jar");
        SpindleHome.jar(from, jar);
        return jar;
    }
}
