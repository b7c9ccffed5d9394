package dev.spindle.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The secure embedded cluster as a user starts it, each in processes of its own (a Kerberos cluster
 * makes its KDC the JVM's): {@code spindle-submit --conf spindle.embedded.secure=true}, and
 * {@code spindle-cluster --secure} with a separate {@code spindle-submit} logging in from the keytab it wrote.
 */
class SecureScriptsEndToEndIT {
    private static final Path HOME = Path.of(System.getProperty("spindle.home")).toAbsolutePath().normalize();
    private static final String EXAMPLES = HOME.resolve("examples/target/spindle-examples.jar").toString();

    private static ProcessBuilder script(String name, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(HOME.resolve("bin").resolve(name).toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("HADOOP_CONF_DIR");
        pb.environment().remove("YARN_CONF_DIR");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb;
    }

    private static String run(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(4, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    @Test
    void theEmbeddedMasterRunsSecuredOnRequest(@TempDir Path cwd) throws Exception {
        String output = run(script("spindle-submit", List.of("--conf", "spindle.embedded.secure=true",
                "--class", "dev.spindle.examples.Pi", EXAMPLES, "4")).directory(cwd.toFile()));
        assertTrue(output.contains("Pi is roughly"), output);
        assertTrue(output.contains("FINISHED/SUCCEEDED"), output);
    }

    @Test
    void aSecureSpindleClusterTakesKerberosSubmissions(@TempDir Path dir) throws Exception {
        Path confDir = dir.resolve("conf");
        Process cluster = script("spindle-cluster", List.of("--secure", "--conf-dir", confDir.toString())).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(cluster.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        seen.add(line);
                        if (line.startsWith("READY ")) {
                            return line;
                        }
                    }
                    return "EOF";
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            assertEquals("READY " + confDir.toAbsolutePath(), ready.get(3, TimeUnit.MINUTES), String.join("\n", seen));
            Matcher principal = Pattern.compile("Kerberos: principal (\\S+), keytab").matcher(String.join("\n", seen));
            assertTrue(principal.find(), String.join("\n", seen));
            assertTrue(Files.isRegularFile(confDir.resolve("krb5.conf")));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(confDir.resolve("user.keytab"))));

            ProcessBuilder submit = script("spindle-submit", List.of("--deploy-mode", "cluster",
                    "--principal", principal.group(1), "--keytab", confDir.resolve("user.keytab").toString(),
                    "--class", "dev.spindle.examples.Pi", EXAMPLES, "4"));
            submit.environment().put("HADOOP_CONF_DIR", confDir.toString());
            submit.environment().put("SPINDLE_SUBMIT_OPTS", "-Djava.security.krb5.conf=" + confDir.resolve("krb5.conf"));
            String output = run(submit);
            assertTrue(output.contains("FINISHED/SUCCEEDED"), output);
        } finally {
            cluster.destroy();
            assertTrue(cluster.waitFor(60, TimeUnit.SECONDS), "spindle-cluster stops when interrupted");
        }
    }
}
