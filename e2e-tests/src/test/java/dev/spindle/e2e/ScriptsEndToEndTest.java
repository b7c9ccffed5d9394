package dev.spindle.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's commands as a user types them: the real bin/ scripts in their own processes. */
class ScriptsEndToEndTest {
    private static final Path HOME = Path.of(System.getProperty("spindle.home")).toAbsolutePath().normalize();

    private static ProcessBuilder script(String name, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = HOME.resolve("bin").resolve(name).toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("HADOOP_CONF_DIR");
        pb.environment().remove("YARN_CONF_DIR");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb;
    }

    @Test
    void quickstartRunsPiOnAnEmbeddedCluster(@TempDir Path cwd) throws Exception {
        Process p = script("spindle-submit", "--class", "dev.spindle.examples.Pi",
                HOME.resolve("examples/target/spindle-examples.jar").toString(), "4")
                .directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES));
        System.out.println(output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("embedded YARN + HDFS cluster"), output);
        assertTrue(output.contains("Pi is roughly 3.1"), output);
        assertTrue(output.contains("FINISHED/SUCCEEDED"), output);
        try (var left = Files.list(cwd)) {
            assertEquals(0, left.count(), "nothing written to the current directory");
        }
    }

    @Test
    void spindleClusterServesSubmissionsUntilInterrupted(@TempDir Path dir) throws Exception {
        Path confDir = dir.resolve("conf");
        Process cluster = script("spindle-cluster", "--conf-dir", confDir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(cluster.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("READY ")) {
                            return line;
                        }
                    }
                    return "EOF";
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            assertEquals("READY " + confDir.toAbsolutePath(), ready.get(2, TimeUnit.MINUTES));
            assertTrue(new File(confDir.toFile(), "yarn-site.xml").isFile());

            Submitter submitter = new Submitter(Map.of("HADOOP_CONF_DIR", confDir.toString()));
            Submitter.Run run = submitter.submit("--class", "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR, "4");
            assertEquals(0, run.exitCode(), run.err());
            Submitter.Run status = submitter.submit("--status", run.result().applicationId());
            assertEquals(0, status.exitCode());
            assertTrue(status.out().contains("SUCCEEDED"), status.out());
        } finally {
            cluster.destroy();
            assertTrue(cluster.waitFor(60, TimeUnit.SECONDS), "spindle-cluster stops when interrupted");
        }
    }
}
