package dev.spindle.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mistakes caught before any cluster is involved: one sentence, a non-zero exit, no stack trace. */
class BadInputIT {
    private final Submitter submitter = new Submitter(Map.of("HADOOP_CONF_DIR", "/nonexistent-for-bad-input"));

    private static void assertOneSentence(Submitter.Run run, int exitCode, String expected) {
        assertEquals(exitCode, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertTrue(run.err().startsWith("spindle-submit: "), run.err());
    }

    @Test
    void missingJar() {
        assertOneSentence(submitter.submit("--class", "a.B", "/no/such/job.jar"), 1,
                "application jar /no/such/job.jar does not exist");
    }

    @Test
    void notAJar(@TempDir Path dir) throws Exception {
        Path bogus = Files.writeString(dir.resolve("job.jar"), "not a zip");
        assertOneSentence(submitter.submit("--class", "a.B", bogus.toString()), 1, "is not a jar file");
    }

    @Test
    void classNotInJar() {
        assertOneSentence(submitter.submit("--class", "com.acme.Missing", Submitter.EXAMPLES_JAR), 1,
                "class com.acme.Missing is not in");
    }

    @Test
    void unknownOption() {
        assertOneSentence(submitter.submit("--executor-mem", "1g", "--class", "a.B", "x.jar"), 2,
                "unknown option '--executor-mem'");
    }

    @Test
    void malformedConf() {
        assertOneSentence(submitter.submit("--conf", "spindle.executor.cores", "--class", "a.B", "x.jar"), 2,
                "--conf needs KEY=VALUE, not 'spindle.executor.cores'");
    }

    @Test
    void badConfValue() {
        assertOneSentence(submitter.submit("--conf", "spindle.executor.cores=many", "--class",
                "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR), 2, "spindle.executor.cores must be a whole number");
    }

    @Test
    void zeroOrNegativeExecutorsAreRefusedBeforeSubmission() {
        for (String bad : new String[]{"0", "-1"}) {
            assertOneSentence(submitter.submit("--conf", "spindle.executor.instances=" + bad, "--class",
                    "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR), 2,
                    "spindle.executor.instances must be at least 1, not '" + bad + "'");
        }
    }

    @Test
    void aBadApplicationMasterKeyIsRefusedBeforeSubmission() {
        // spindle-submit does not compile against the AM: it reads the staged AM jar's keys.
        assertOneSentence(submitter.submit("--conf", "spindle.yarn.maxExecutorFailures=lots", "--class",
                "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR), 2,
                "spindle.yarn.maxExecutorFailures must be a whole number, not 'lots'");
        assertOneSentence(submitter.submit("--conf", "spindle.yarn.am.heartbeat.fast=0ms", "--class",
                "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR), 2,
                "spindle.yarn.am.heartbeat.fast must be at least 1 ms, not '0ms'");
    }

    @Test
    void aMistypedKeyIsNamedWithTheNearestKnownOne() {
        Submitter.Run run = submitter.submit("--conf", "spindle.executor.memroy=4g", "--conf",
                "spindle.executor.cores=many", "--class", "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(List.of("spindle-submit: warning: unknown setting spindle.executor.memroy is ignored (did you mean "
                        + "spindle.executor.memory?)", "spindle-submit: spindle.executor.cores must be a whole number, not 'many'"),
                run.err().lines().toList());
    }

    @Test
    void badMemory() {
        assertOneSentence(submitter.submit("--executor-memory", "lots", "--class", "a.B", "x.jar"), 2,
                "--executor-memory must be a positive size");
    }

    @Test
    void badDeployMode() {
        assertOneSentence(submitter.submit("--deploy-mode", "remote", "--class", "a.B", "x.jar"), 2,
                "--deploy-mode must be client or cluster");
    }

    @Test
    void moreRacksThanNodes() {
        assertOneSentence(submitter.submit("--master", "embedded:2", "--conf", "spindle.embedded.racks=3", "--class",
                "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR), 1,
                "spindle.embedded.racks must be between 0 and the number of nodes (2), not 3");
    }

    @Test
    void noMainClass() {
        assertOneSentence(submitter.submit(Submitter.EXAMPLES_JAR), 2, "no --class given");
    }

    @Test
    void unreachableResourceManagerFailsWithinSeconds(@TempDir Path conf) throws Exception {
        Files.writeString(conf.resolve("yarn-site.xml"), """
                <configuration>
                  <property><name>yarn.resourcemanager.address</name><value>127.0.0.1:1</value></property>
                </configuration>
                """);
        Files.writeString(conf.resolve("core-site.xml"), """
                <configuration>
                  <property><name>fs.defaultFS</name><value>hdfs://127.0.0.1:1</value></property>
                </configuration>
                """);
        Submitter.Run run = new Submitter(Map.of("HADOOP_CONF_DIR", conf.toString())).submit(
                "--conf", "spindle.yarn.rm.connectTimeout=2s", "--class", "dev.spindle.examples.Pi",
                Submitter.EXAMPLES_JAR);
        assertOneSentence(run, 1, "cannot reach the ResourceManager at 127.0.0.1:1");
    }
}
