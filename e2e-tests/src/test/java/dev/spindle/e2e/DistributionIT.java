package dev.spindle.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The binary distribution as a user installs it: unpacked anywhere, its bin/ runs a job on the embedded
 * cluster with Java alone, nothing from Maven's repository or the source tree.
 */
class DistributionIT {
    private static final Path HOME = Path.of(System.getProperty("spindle.home")).toAbsolutePath().normalize();

    private static Path tarball() throws Exception {
        try (Stream<Path> files = Files.list(HOME.resolve("dist").resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("spindle-.*-bin\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no spindle-*-bin.tar.gz in dist/target: build with mvn package"));
        }
    }

    private static String run(Path dir, List<String> command, Path home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("HADOOP_CONF_DIR");
        pb.environment().remove("YARN_CONF_DIR");
        pb.environment().remove("CLASSPATH");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "no end within 3 minutes: " + output);
        System.out.println(output);
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    @Test
    void theUnpackedTarballRunsPiWithJavaAlone(@TempDir Path dir) throws Exception {
        Path fakeHome = Files.createDirectories(dir.resolve("home"));
        run(dir, List.of("tar", "xzf", tarball().toString()), fakeHome);
        Path spindle;
        try (Stream<Path> unpacked = Files.list(dir)) {
            spindle = unpacked.filter(f -> f.getFileName().toString().startsWith("spindle-")).findFirst().orElseThrow();
        }
        for (String expected : List.of("bin/spindle-submit", "bin/spindle-cluster", "bin/spindle-fs",
                "bin/spindle-history", "conf/spindle-defaults.conf", "conf/log4j.properties",
                "jars/spindle-core.jar", "jars/spindle-hdfs-input.jar", "jars/spindle-app-master.jar",
                "jars/spindle-executor-launcher.jar", "examples/spindle-examples.jar", "licenses/README.md")) {
            assertTrue(Files.exists(spindle.resolve(expected)), expected + " is in the distribution");
        }
        assertTrue(Files.isExecutable(spindle.resolve("bin/spindle-submit")));
        try (Stream<Path> lib = Files.list(spindle.resolve("lib")); Stream<Path> staged = Files.list(
                spindle.resolve("jars/lib"))) {
            List<String> jars = lib.map(f -> f.getFileName().toString()).toList();
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("spindle-yarn-client")), jars.toString());
            assertFalse(jars.stream().anyMatch(j -> j.contains("junit") || j.contains("jupiter")),
                    "spindle-submit's runtime has no JUnit: " + jars);
            assertTrue(staged.anyMatch(f -> f.getFileName().toString().startsWith("kryo-")));
        }
        String classpath = run(dir, List.of("bash", "-c", "SPINDLE_HOME='" + spindle + "'; source '" + spindle
                + "/bin/spindle-env.sh'; spindle_client_classpath"), fakeHome);
        assertEquals(spindle + "/lib/*", classpath.trim(), "nothing from ~/.m2 or the source tree");

        String output = run(dir, List.of(spindle.resolve("bin/spindle-submit").toString(), "--num-executors", "1",
                "--class", "dev.spindle.examples.Pi", spindle.resolve("examples/spindle-examples.jar").toString(), "4"),
                fakeHome);
        assertTrue(output.contains("Pi is roughly 3.1"), output);
        assertTrue(output.contains("FINISHED/SUCCEEDED"), output);
    }
}
