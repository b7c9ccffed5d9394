package dev.spindle.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a whole configuration against the known keys before anything runs: every value of a known
 * key must parse and be allowed (one sentence naming the key, the value and what is allowed, as an
 * exception), and every other {@code spindle.*} setting gets a warning naming the nearest known key,
 * since a typo such as {@code spindle.executor.memroy} would otherwise be ignored without a word.
 * {@code spindle.hadoop.*} settings pass through to Hadoop and are not Spindle keys.
 */
public final class KeyCheck {
    /** Settings that are not Spindle keys but Hadoop's, passed on with the prefix removed. */
    public static final String HADOOP_PREFIX = "spindle.hadoop.";
    /** Families of settings named by a prefix and a name of the user's choosing, such as environment variables. */
    static final List<String> OPEN_PREFIXES = List.of(HADOOP_PREFIX, CoreKeys.EXECUTOR_ENV_PREFIX,
            CoreKeys.AM_ENV_PREFIX);

    private KeyCheck() {
    }

    /**
     * @throws IllegalArgumentException for the first bad value, in key order
     */
    public static void validate(SpindleConf conf, List<ConfigKey<?>> known) {
        for (String name : new java.util.TreeSet<>(conf.asMap().keySet())) {
            for (String prefix : List.of(CoreKeys.EXECUTOR_ENV_PREFIX, CoreKeys.AM_ENV_PREFIX)) {
                if (name.startsWith(prefix)) {
                    checkEnvironmentName(name, name.substring(prefix.length()));
                }
            }
        }
        for (ConfigKey<?> key : known) {
            conf.get(key);
        }
        if (known.contains(CoreKeys.NETWORK_TIMEOUT) && known.contains(CoreKeys.EXECUTOR_HEARTBEAT_INTERVAL)) {
            long timeout = conf.get(CoreKeys.NETWORK_TIMEOUT);
            long beat = conf.get(CoreKeys.EXECUTOR_HEARTBEAT_INTERVAL);
            // The driver's answers to heartbeats are what executors and the AM count as hearing from it.
            if (timeout <= beat) {
                throw new IllegalArgumentException(CoreKeys.NETWORK_TIMEOUT.name() + " (" + timeout
                        + " ms) must be longer than " + CoreKeys.EXECUTOR_HEARTBEAT_INTERVAL.name() + " (" + beat
                        + " ms): executors would give up on a driver that answers every heartbeat");
            }
        }
    }

    private static void checkEnvironmentName(String setting, String variable) {
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(setting + " does not name an environment variable: '" + variable
                    + "' is not letters, digits and underscores starting with a letter");
        }
        if (variable.equals("CLASSPATH")) {
            throw new IllegalArgumentException(setting + " cannot be set: Spindle builds containers' CLASSPATH itself "
                    + "(ship jars with --jars)");
        }
    }

    /** One warning per setting that no key knows, and per internal key the user set. */
    public static List<String> warnings(Map<String, String> userSettings, List<ConfigKey<?>> known) {
        List<String> out = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(userSettings.keySet())) {
            if (!name.startsWith("spindle.") || OPEN_PREFIXES.stream().anyMatch(name::startsWith)) {
                continue;
            }
            ConfigKey<?> key = find(name, known);
            if (key == null) {
                String nearest = nearest(name, known);
                out.add("unknown setting " + name + " is ignored" + (nearest == null ? "" : " (did you mean " + nearest + "?)"));
            } else if (key.internal()) {
                out.add(name + " is set by spindle-submit itself; the value given is ignored");
            }
        }
        return out;
    }

    private static ConfigKey<?> find(String name, List<ConfigKey<?>> known) {
        for (ConfigKey<?> k : known) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** The user-settable key closest to {@code name} by edit distance, if close enough to be a typo. */
    static String nearest(String name, List<ConfigKey<?>> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey<?> k : known) {
            if (k.internal()) {
                continue;
            }
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), k.name().toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k.name();
            }
        }
        // A third of the name's length catches transpositions, a missing word part and case slips, not strangers.
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** Levenshtein distance with transpositions counted as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
