package dev.spindle.submit;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named moments of one spindle-submit run, in epoch milliseconds, measured from its start: the JVM's
 * start when spindle-submit is the process, else the moment the run began.
 */
final class Timeline {
    private final long start;
    private final Map<String, Long> marks = new LinkedHashMap<>();

    Timeline(long startMillis) {
        this.start = startMillis;
    }

    static long jvmStartMillis() {
        return ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    synchronized void mark(String name) {
        marks.putIfAbsent(name, System.currentTimeMillis());
    }

    synchronized void markAt(String name, long epochMillis) {
        if (epochMillis > 0) {
            marks.putIfAbsent(name, epochMillis);
        }
    }

    long sinceStartMillis() {
        return System.currentTimeMillis() - start;
    }

    synchronized String describe() {
        StringBuilder sb = new StringBuilder("timeline (ms since spindle-submit started):");
        marks.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue() - start));
        return sb.toString();
    }
}
