package dev.spindle.submit;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmitArgumentsTest {
    private static SubmitRequest parse(Map<String, String> env, String... args) {
        return SubmitArguments.parse(args, env);
    }

    @Test
    void defaultsFollowSparkSubmit() {
        SubmitRequest r = parse(Map.of(), "--class", "a.B", "job.jar");
        assertEquals(SubmitRequest.Action.SUBMIT, r.action());
        assertEquals("embedded", r.master(), "no Hadoop configuration: the embedded master");
        assertEquals("a.B", r.mainClass());
        assertEquals(Path.of("job.jar"), r.appJar());
        assertTrue(r.appArgs().isEmpty());
        assertTrue(r.flagSettings().isEmpty(), "defaults come from configuration, not flags");
        assertEquals("yarn", parse(Map.of("HADOOP_CONF_DIR", "/etc/hadoop"), "--class", "a.B", "j.jar").master());
        assertEquals("yarn", parse(Map.of("YARN_CONF_DIR", "/etc/hadoop"), "--class", "a.B", "j.jar").master());
    }

    @Test
    void flagsBecomeSettingsAndTheJobsArgumentsStayUntouched() {
        SubmitRequest r = parse(Map.of(), "--master", "embedded:3", "--deploy-mode", "cluster", "--name", "n",
                "--queue", "q", "--num-executors", "4", "--executor-cores", "2", "--executor-memory", "2g",
                "--driver-memory", "512m", "--conf", "spindle.task.maxFailures=1", "--conf", "spindle.x=a=b",
                "--class", "a.B", "job.jar", "--in", "-x", "two words");
        assertEquals(3, r.embeddedNodes());
        assertEquals(Map.of("spindle.submit.deployMode", "cluster", "spindle.app.name", "n", "spindle.yarn.queue", "q",
                "spindle.executor.instances", "4", "spindle.executor.cores", "2", "spindle.executor.memory", "2048m",
                "spindle.driver.memory", "512m"), r.flagSettings());
        assertEquals(Map.of("spindle.task.maxFailures", "1", "spindle.x", "a=b"), r.confSettings());
        assertEquals(List.of("--in", "-x", "two words"), r.appArgs());
    }

    @Test
    void statusKillHelpAndVersion() {
        SubmitRequest s = parse(Map.of(), "--status", "application_1_0001");
        assertEquals(SubmitRequest.Action.STATUS, s.action());
        assertEquals("application_1_0001", s.applicationId());
        assertNull(s.appJar());
        assertEquals(SubmitRequest.Action.KILL, parse(Map.of(), "--kill", "application_1_0001").action());
        assertEquals(SubmitRequest.Action.HELP, parse(Map.of(), "--help").action());
        assertEquals(SubmitRequest.Action.VERSION, parse(Map.of(), "--version").action());
    }

    @Test
    void mistakesAreOneSentenceWithExitCodeTwo() {
        String[][] bad = {
                {"--bogus", "--class", "a.B", "j.jar"},
                {"--executor-mem", "1g", "--class", "a.B", "j.jar"},
                {"--class", "a.B"},
                {"j.jar"},
                {"--conf", "novalue", "--class", "a.B", "j.jar"},
                {"--conf", "=x", "--class", "a.B", "j.jar"},
                {"--conf", "hadoop.key=x", "--class", "a.B", "j.jar"},
                {"--num-executors", "0", "--class", "a.B", "j.jar"},
                {"--executor-cores", "two", "--class", "a.B", "j.jar"},
                {"--executor-memory", "-1g", "--class", "a.B", "j.jar"},
                {"--master", "local[*]", "--class", "a.B", "j.jar"},
                {"--master", "embedded:0", "--class", "a.B", "j.jar"},
                {"--deploy-mode", "both", "--class", "a.B", "j.jar"},
                {"--status", "a", "--kill", "b"},
                {"--class"},
        };
        for (String[] args : bad) {
            UserError e = assertThrows(UserError.class, () -> parse(Map.of(), args), String.join(" ", args));
            assertEquals(2, e.exitCode());
            assertTrue(e.getMessage().endsWith("(see spindle-submit --help)"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void shippingAndDriverFlagsBecomeSettings() {
        SubmitRequest r = parse(Map.of(), "--jars", "a.jar,hdfs://nn/b.jar#c.jar", "--files", "f.txt",
                "--archives", "d.zip#d", "--driver-cores", "2", "--driver-java-options", "-Dx=1 -Dy=2",
                "--class", "a.B", "job.jar");
        assertEquals(Map.of("spindle.jars", "a.jar,hdfs://nn/b.jar#c.jar", "spindle.files", "f.txt",
                "spindle.archives", "d.zip#d", "spindle.driver.cores", "2",
                "spindle.driver.extraJavaOptions", "-Dx=1 -Dy=2"), r.flagSettings());
        UserError e = assertThrows(UserError.class, () -> parse(Map.of(), "--driver-cores", "0", "--class", "a.B",
                "j.jar"));
        assertTrue(e.getMessage().startsWith("--driver-cores needs a whole number of at least 1"), e.getMessage());
    }

    @Test
    void listAndLogsAreActionsOfTheirOwn() {
        assertEquals(SubmitRequest.Action.LIST, parse(Map.of(), "--list").action());
        SubmitRequest logs = parse(Map.of(), "--logs", "application_1_0001", "--container",
                "container_1_0001_01_000002");
        assertEquals(SubmitRequest.Action.LOGS, logs.action());
        assertEquals("application_1_0001", logs.applicationId());
        assertEquals("container_1_0001_01_000002", logs.containerId());
        UserError both = assertThrows(UserError.class, () -> parse(Map.of(), "--list", "--kill", "application_1_0001"));
        assertEquals("--kill and --list cannot be combined (see spindle-submit --help)", both.getMessage());
        UserError stray = assertThrows(UserError.class, () -> parse(Map.of(), "--container", "c", "--class", "a.B",
                "j.jar"));
        assertEquals("--container goes with --logs APP_ID (see spindle-submit --help)", stray.getMessage());
    }
}
