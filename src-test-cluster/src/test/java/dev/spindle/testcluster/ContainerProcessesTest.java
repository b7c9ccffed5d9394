package dev.spindle.testcluster;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerProcessesTest {
    @TempDir
    Path base;

    /** A JVM that only waits for its standard input to close, to be found (or not) among the machine's processes. */
    public static final class Sleeper {
        public static void main(String[] args) throws java.io.IOException {
            while (System.in.read() >= 0) {
                // nothing to do but wait for the end
            }
        }
    }

    @Test
    void aJvmWorkingInATopLevelDirectoryIsNoContainerOfOurs() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Sleeper.class.getName()).directory(Path.of("/tmp").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // Its working directory is "/tmp" once it runs: /proc shows it from the start.
            while (!other.info().command().isPresent()) {
                assertTrue(System.nanoTime() < deadline, "the JVM did not start");
                TimeUnit.MILLISECONDS.sleep(20);
            }
            ContainerProcesses processes = new ContainerProcesses(base, 2);
            assertTrue(processes.jvms(ApplicationId.newInstance(1, 1)).isEmpty());
        } finally {
            other.destroyForcibly();
            other.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
