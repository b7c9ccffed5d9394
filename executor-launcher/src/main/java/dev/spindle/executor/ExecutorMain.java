package dev.spindle.executor;

import dev.spindle.config.SpindleConf;
import dev.spindle.security.AppSecret;
import dev.spindle.task.TaskEnv;
import dev.spindle.runtime.ExitCode;
import dev.spindle.runtime.FatalErrorHandler;
import dev.spindle.yarn.StagedFiles;
import org.apache.hadoop.conf.Configuration;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of an executor container: {@code ExecutorMain DRIVER_HOST:PORT EXECUTOR_ID CORES}.
 * Reads the application's configuration from the localized {@code __spindle_conf__.properties}.
 */
public final class ExecutorMain {
    private ExecutorMain() {
    }

    /** What tasks get from this container. */
    private record ContainerEnv(Configuration hadoopConf, File shuffleDir, String host) implements TaskEnv {
    }

    /**
     * Shuffle files go to the application's local directories (LOCAL_DIRS), which YARN keeps until the
     * application ends, so map outputs outlive the executor that wrote them.
     */
    private static File shuffleDir() {
        String dirs = System.getenv("LOCAL_DIRS");
        String first = dirs == null || dirs.isBlank() ? System.getProperty("java.io.tmpdir") : dirs.split(",")[0];
        return new File(first, "spindle-shuffle");
    }

    /**
     * Logs in to Hadoop and opens the default file system on a thread of its own while this one
     * connects to the driver and registers: about a second of class loading and configuration parsing
     * that the first task would otherwise wait for. A failure here is only logged: the task that
     * needs the file system meets it again and reports it.
     */
    private static void warmUp(Configuration hadoopConf) {
        Thread t = new Thread(() -> {
            try {
                org.apache.hadoop.security.UserGroupInformation.getCurrentUser();
                org.apache.hadoop.fs.FileSystem.get(hadoopConf);
            } catch (IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ExecutorMain.class).debug("Warming up Hadoop failed: {}", e.toString());
            }
        }, "spindle-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** Resolves a host name, as {@code InetAddress.getLocalHost().getHostName()} does. */
    interface HostResolver {
        String localHostName() throws IOException;
    }

    /**
     * The host this executor reports: the NodeManager's ({@code NM_HOST}), and only outside YARN the
     * resolver's answer, which on hosts with slow reverse DNS can hold the registration for seconds.
     */
    static String host(String nmHost, HostResolver resolver) throws IOException {
        return nmHost != null && !nmHost.isBlank() ? nmHost : resolver.localHostName();
    }

    public static void main(String[] args) throws IOException {
        FatalErrorHandler.install("executor");
        if (args.length != 3) {
            System.err.println("usage: ExecutorMain DRIVER_HOST:PORT EXECUTOR_ID CORES");
            System.exit(ExitCode.USAGE.code());
        }
        SpindleConf conf = SpindleConf.empty();
        Path confFile = Path.of(StagedFiles.SPINDLE_CONF);
        if (Files.exists(confFile)) {
            try (Reader r = Files.newBufferedReader(confFile, StandardCharsets.UTF_8)) {
                conf = SpindleConf.read(r);
            }
        }
        String driver = args[0];
        int colon = driver.lastIndexOf(':');
        String host = host(System.getenv("NM_HOST"), () -> java.net.InetAddress.getLocalHost().getHostName());
        String containerId = System.getenv().getOrDefault("CONTAINER_ID", "");
        Configuration hadoopConf = new Configuration();
        hadoopConf.addResource(StagedFiles.HADOOP_CONF);
        warmUp(hadoopConf);
        Executor executor = new Executor(args[1], host, Integer.parseInt(args[2]), containerId, conf,
                new ContainerEnv(hadoopConf, shuffleDir(), host), Thread.currentThread().getContextClassLoader(),
                AppSecret.ofThisContainer());
        int status = executor.run(driver.substring(0, colon), Integer.parseInt(driver.substring(colon + 1)));
        System.exit(status);
    }
}
