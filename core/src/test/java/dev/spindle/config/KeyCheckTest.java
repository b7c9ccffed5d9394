package dev.spindle.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every key type's bad values get one sentence naming key, value and what is allowed; typos get a hint. */
class KeyCheckTest {
    private static final ConfigKey<Integer> COUNT = ConfigKey.integer("spindle.test.count", 2, "d").atLeast(1);
    private static final ConfigKey<Double> RATIO = ConfigKey.decimal("spindle.test.ratio", 0.5, "d").between(0, 1);
    private static final ConfigKey<Boolean> FLAG = ConfigKey.bool("spindle.test.flag", true, "d");
    private static final ConfigKey<Long> HEAP = ConfigKey.mebibytes("spindle.test.heap", "1g", "d").atLeast(256);
    private static final ConfigKey<Long> BYTES = ConfigKey.bytes("spindle.test.bytes", "1m", "d");
    private static final ConfigKey<Long> WAIT = ConfigKey.millis("spindle.test.wait", "3s", "d").atLeast(1);
    private static final ConfigKey<String> MODE = ConfigKey.string("spindle.test.mode", "client", "d")
            .oneOf("client", "cluster");
    private static final ConfigKey<String> SECRET = ConfigKey.string("spindle.test.internal", "", "d").internalKey();
    private static final List<ConfigKey<?>> KEYS = List.of(COUNT, RATIO, FLAG, HEAP, BYTES, WAIT, MODE, SECRET);

    private static String sentence(ConfigKey<?> key, String value) {
        SpindleConf conf = SpindleConf.of(Map.of(key.name(), value));
        return assertThrows(IllegalArgumentException.class, () -> KeyCheck.validate(conf, KEYS)).getMessage();
    }

    @Test
    void everyBadValueOfEveryTypeGetsItsSentence() {
        assertEquals("spindle.test.count must be a whole number, not 'lots'", sentence(COUNT, "lots"));
        assertEquals("spindle.test.count must be at least 1, not '0'", sentence(COUNT, "0"));
        assertEquals("spindle.test.count must be at least 1, not '-1'", sentence(COUNT, "-1"));
        assertEquals("spindle.test.ratio must be a number, not 'half'", sentence(RATIO, "half"));
        assertEquals("spindle.test.ratio must be a number, not 'NaN'", sentence(RATIO, "NaN"));
        assertEquals("spindle.test.ratio must be between 0 and 1, not '1.5'", sentence(RATIO, "1.5"));
        assertEquals("spindle.test.flag must be true or false, not 'yes'", sentence(FLAG, "yes"));
        assertTrue(sentence(HEAP, "big").startsWith("spindle.test.heap must be a positive size such as 512m or 2g"));
        assertEquals("spindle.test.heap must be at least 256 MiB, not '128m'", sentence(HEAP, "128m"));
        assertTrue(sentence(BYTES, "0").startsWith("spindle.test.bytes must be a positive number of bytes"));
        assertTrue(sentence(WAIT, "soon").startsWith("spindle.test.wait must be a duration such as 500ms or 30s"));
        assertEquals("spindle.test.wait must be at least 1 ms, not '0s'", sentence(WAIT, "0s"));
        assertEquals("spindle.test.mode must be one of client, cluster, not 'local'", sentence(MODE, "local"));
    }

    @Test
    void goodValuesPass() {
        KeyCheck.validate(SpindleConf.of(Map.of(COUNT.name(), "3", RATIO.name(), "1", MODE.name(), "CLUSTER",
                WAIT.name(), "2min", HEAP.name(), "2g")), KEYS);
    }

    @Test
    void theBuiltInKeysRefuseTheValuesThatUsedToHang() {
        List<ConfigKey<?>> core = CoreKeys.all();
        for (String bad : List.of("0", "-1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KeyCheck.validate(SpindleConf.of(Map.of("spindle.executor.instances", bad)), core));
            assertEquals("spindle.executor.instances must be at least 1, not '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void aDefaultOutsideItsOwnRuleIsADeclarationBug() {
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.integer("spindle.test.bad", 0, "d").atLeast(1));
    }

    @Test
    void anUnknownKeyGetsTheNearestKnownOne() {
        List<String> w = KeyCheck.warnings(Map.of("spindle.test.cuont", "3", "spindle.test.Mode", "client",
                "spindle.completely.different.thing", "x", "spindle.hadoop.dfs.replication", "2",
                "other.key", "x", "spindle.test.internal", "y"), KEYS);
        assertEquals(List.of(
                "unknown setting spindle.completely.different.thing is ignored",
                "unknown setting spindle.test.Mode is ignored (did you mean spindle.test.mode?)",
                "unknown setting spindle.test.cuont is ignored (did you mean spindle.test.count?)",
                "spindle.test.internal is set by spindle-submit itself; the value given is ignored"), w);
    }

    @Test
    void theTypoFromTheIssueIsCaught() {
        List<String> w = KeyCheck.warnings(Map.of("spindle.executor.memroy", "4g"), CoreKeys.all());
        assertEquals(List.of("unknown setting spindle.executor.memroy is ignored (did you mean spindle.executor.memory?)"), w);
    }

    @Test
    void aNetworkTimeoutNoLongerThanTheHeartbeatIntervalIsRefused() {
        SpindleConf conf = SpindleConf.of(Map.of("spindle.network.timeout", "5s"));
        String sentence = assertThrows(IllegalArgumentException.class,
                () -> KeyCheck.validate(conf, CoreKeys.all())).getMessage();
        assertEquals("spindle.network.timeout (5000 ms) must be longer than spindle.executor.heartbeatInterval "
                + "(10000 ms): executors would give up on a driver that answers every heartbeat", sentence);
        KeyCheck.validate(SpindleConf.of(Map.of("spindle.network.timeout", "5s",
                "spindle.executor.heartbeatInterval", "500ms")), CoreKeys.all());
    }

    @Test
    void environmentSettingsNameVariablesAndAreNotTypos() {
        Map<String, String> settings = Map.of("spindle.executorEnv.JAVA_HOME", "/opt/jdk17",
                "spindle.yarn.appMasterEnv.MY_VAR_2", "x");
        KeyCheck.validate(SpindleConf.of(settings), KEYS);
        assertEquals(List.of(), KeyCheck.warnings(settings, KEYS));
        assertEquals("spindle.executorEnv.2X does not name an environment variable: '2X' is not letters, digits and "
                + "underscores starting with a letter", assertThrows(IllegalArgumentException.class,
                () -> KeyCheck.validate(SpindleConf.of(Map.of("spindle.executorEnv.2X", "v")), KEYS)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyCheck.validate(
                SpindleConf.of(Map.of("spindle.yarn.appMasterEnv.CLASSPATH", "/x")), KEYS)).getMessage()
                .contains("Spindle builds containers' CLASSPATH itself"));
    }
}
