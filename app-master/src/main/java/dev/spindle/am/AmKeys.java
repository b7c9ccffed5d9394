package dev.spindle.am;

import dev.spindle.config.ConfigKey;
import dev.spindle.config.KeySet;

import java.util.List;

/** Settings of the ApplicationMaster. */
public final class AmKeys {
    private AmKeys() {
    }

    public static final ConfigKey<Long> HEARTBEAT_FAST = ConfigKey.millis("spindle.yarn.am.heartbeat.fast", "100ms",
            "ResourceManager heartbeat while container requests are outstanding.").atLeast(1);
    public static final ConfigKey<Long> HEARTBEAT_SLOW = ConfigKey.millis("spindle.yarn.am.heartbeat.slow", "3s",
            "ResourceManager heartbeat when nothing is being asked for.").atLeast(1);
    public static final ConfigKey<Integer> MAX_EXECUTOR_FAILURES = ConfigKey.integer(
            "spindle.yarn.maxExecutorFailures", 6,
            "Executor containers that may fail before the application fails.").atLeast(0);
    public static final ConfigKey<Long> FAILURES_VALIDITY = ConfigKey.millis(
            "spindle.yarn.executorFailuresValidityInterval", "1h",
            "How long an executor failure counts against spindle.yarn.maxExecutorFailures and its host; 0: for ever.");
    public static final ConfigKey<Integer> MAX_FAILURES_PER_HOST = ConfigKey.integer(
            "spindle.yarn.am.maxFailuresPerHost", 2,
            "Executor failures on one host (within the validity interval) after which the AM asks for no more "
                    + "containers there, for at most a third of the nodes; 0: never.").atLeast(0);
    public static final ConfigKey<String> EXECUTOR_JAVA_OPTIONS = ConfigKey.string(
            "spindle.executor.extraJavaOptions", "",
            "Extra JVM options of each executor.");
    public static final ConfigKey<String> EXECUTOR_NODE_LABELS = ConfigKey.string(
            "spindle.yarn.executor.nodeLabelExpression", "",
            "YARN node label executors' containers must be on; locality is then not asked for.")
            .allowing(AmKeys::singleLabel, "one node label (YARN takes no && or || in a label expression)");

    public static final ConfigKey<Long> LOCALITY_WAIT = ConfigKey.millis("spindle.yarn.am.localityWait", "3s",
            "How long an executor ask may stay unmet on its host before it is widened to its rack, and on its rack before any host.");
    public static final ConfigKey<Long> DEMAND_WAIT = ConfigKey.millis("spindle.yarn.am.demandWait", "3s",
            "How long the AM waits for the driver's first stage before asking for executors with no locality.");

    /** Whether {@code expression} is what YARN accepts as a node-label expression: empty or one label. */
    public static boolean singleLabel(String expression) {
        return expression.isEmpty() || expression.trim().matches("[A-Za-z0-9][A-Za-z0-9_\\-.]*");
    }

    /** The keys of this module, as spindle-submit and the documentation find them. */
    public static final class Set implements KeySet {
        @Override
        public String module() {
            return "app-master";
        }

        @Override
        public List<ConfigKey<?>> keys() {
            return all();
        }
    }

    public static List<ConfigKey<?>> all() {
        return List.of(HEARTBEAT_FAST, HEARTBEAT_SLOW, MAX_EXECUTOR_FAILURES, FAILURES_VALIDITY, MAX_FAILURES_PER_HOST,
                EXECUTOR_JAVA_OPTIONS, EXECUTOR_NODE_LABELS, LOCALITY_WAIT,
                DEMAND_WAIT);
    }
}
