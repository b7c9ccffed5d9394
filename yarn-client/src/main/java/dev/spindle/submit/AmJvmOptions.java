package dev.spindle.submit;

import java.util.regex.Pattern;

/**
 * The ApplicationMaster's JVM options. A client-mode AM only heartbeats and launches containers, so the
 * quick C1 compiler and the serial collector suit it: with them it registered about 0.2 s sooner on a
 * 2-core machine (4 runs of the empty job each way). A cluster-mode AM runs the driver and keeps the
 * JVM's own choices. The user's options come last, so they win over a default of the same option; a
 * user who picks a collector gets no serial one, since the JVM refuses two.
 */
final class AmJvmOptions {
    static final String CLIENT_MODE_DEFAULTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use\\w+GC\\b");

    private AmJvmOptions() {
    }

    /** {@code spindle.yarn.am.extraJavaOptions}, and in cluster mode the driver's, after any defaults. */
    static String of(boolean clusterMode, String amOptions, String driverOptions) {
        if (clusterMode) {
            return (amOptions + " " + driverOptions).trim();
        }
        String defaults = COLLECTOR.matcher(amOptions).find() ? "-XX:TieredStopAtLevel=1" : CLIENT_MODE_DEFAULTS;
        return (defaults + " " + amOptions).trim();
    }
}
