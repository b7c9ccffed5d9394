package dev.spindle.e2e;

import dev.spindle.submit.SpindleSubmit;
import dev.spindle.submit.SubmitResult;
import dev.spindle.testcluster.EmbeddedCluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs spindle-submit's code in this JVM against an embedded cluster, as {@code HADOOP_CONF_DIR=...} would. */
final class Submitter {
    static final String EXAMPLES_JAR = Path.of(System.getProperty("spindle.home"), "examples", "target",
            "spindle-examples.jar").toString();

    private final Map<String, String> env;

    Submitter(EmbeddedCluster cluster) throws IOException {
        Path confDir = Files.createTempDirectory("spindle-e2e-conf-");
        cluster.writeClientConf(confDir);
        this.env = Map.of("HADOOP_CONF_DIR", confDir.toString());
    }

    Submitter(Map<String, String> env) {
        this.env = env;
    }

    /** What one run printed and returned. {@code jobOut} is what the job's own main printed (client mode). */
    record Run(SubmitResult result, String out, String err, String jobOut) {
        int exitCode() {
            return result.exitCode();
        }
    }

    Run submit(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream jobOut = new ByteArrayOutputStream();
        PrintStream systemOut = System.out;
        PrintStream submitOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream submitErr = new PrintStream(err, true, StandardCharsets.UTF_8);
        SubmitResult result;
        if (String.join(" ", args).contains("--deploy-mode cluster") || args[0].equals("--kill")
                || args[0].equals("--status")) {
            // Nothing of the job runs here: no need to hold System.out, and runs may overlap.
            result = new SpindleSubmit(submitOut, submitErr, env).execute(args);
        } else {
            // The job's main prints to System.out in client mode, as it would in the submit process.
            synchronized (Submitter.class) {
                System.setOut(new PrintStream(jobOut, true, StandardCharsets.UTF_8));
                try {
                    result = new SpindleSubmit(submitOut, submitErr, env).execute(args);
                } finally {
                    System.setOut(systemOut);
                }
            }
        }
        Run run = new Run(result, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                jobOut.toString(StandardCharsets.UTF_8));
        systemOut.println("---- spindle-submit " + String.join(" ", args) + " -> " + result.exitCode());
        systemOut.println(run.out() + run.err() + run.jobOut());
        return run;
    }
}
