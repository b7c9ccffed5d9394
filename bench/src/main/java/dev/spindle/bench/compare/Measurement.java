package dev.spindle.bench.compare;

import java.util.Map;

/**
 * One timed run of one workload on one system.
 *
 * @param wallMillis process start to exit
 * @param verdict    {@code ok}, or why the run does not count (a failure, a wrong answer)
 * @param phases     moments of the run in ms since its process started (from YARN, and from the
 *                   system itself where it reports them)
 * @param note       anything else worth reporting (Spindle's locality line), or empty
 */
public record Measurement(String system, Workload workload, int round, long wallMillis, String verdict,
                          Map<String, Long> phases, String note) {
    public Measurement {
        if (wallMillis < 0) {
            throw new IllegalArgumentException("wall time must not be negative");
        }
        phases = Map.copyOf(phases);
        note = note == null ? "" : note;
    }

    public boolean ok() {
        return verdict.equals("ok");
    }
}
