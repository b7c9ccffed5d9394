package dev.spindle.bench.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The comparison's report: a markdown table of wall-time medians with min–max and the ratio to
 * Spindle, the empty job's phases, every failure, and every setting; plus the raw runs as CSV.
 * Pure: it formats what it is given.
 */
final class Report {
    static final List<String> PHASES = List.of("submitted", "accepted", "am-running", "first-executor", "first-task",
            "app-finished", "exit");

    private final List<Measurement> runs;
    private final List<String> systems;
    private final List<Workload> workloads;
    private final String reference;

    Report(List<Measurement> runs, List<String> systems, List<Workload> workloads) {
        this.runs = List.copyOf(runs);
        this.systems = List.copyOf(systems);
        this.workloads = List.copyOf(workloads);
        this.reference = systems.stream().filter(s -> s.startsWith("spindle")).findFirst().orElse(systems.get(0));
    }

    String reference() {
        return reference;
    }

    Stats stats(String system, Workload w) {
        return Stats.of(runs.stream().filter(m -> m.system().equals(system) && m.workload() == w).toList());
    }

    /** The median of {@code system} over the reference's, or NaN when either has no counting run. */
    double ratio(String system, Workload w) {
        Stats s = stats(system, w);
        Stats r = stats(reference, w);
        return s.any() && r.any() ? (double) s.median() / r.median() : Double.NaN;
    }

    String markdown(String title, Map<String, String> settings, Map<String, String> commands) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        for (Map.Entry<String, String> e : settings.entrySet()) {
            md.append("- **").append(e.getKey()).append(":** ").append(e.getValue()).append('\n');
        }
        md.append("\n## Wall time, process start to exit (s): median [min–max], ratio to ").append(reference)
                .append("\n\n| workload | system | median | min–max | runs ok | × ").append(reference).append(" |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        for (Workload w : workloads) {
            for (String s : systems) {
                Stats st = stats(s, w);
                md.append("| ").append(w.id()).append(" | ").append(s).append(" | ")
                        .append(st.any() ? secs(st.median()) : "—").append(" | ")
                        .append(st.any() ? secs(st.min()) + "–" + secs(st.max()) : "—").append(" | ")
                        .append(st.ok()).append('/').append(st.runs()).append(" | ")
                        .append(Double.isNaN(ratio(s, w)) ? "—" : String.format(Locale.ROOT, "%.2f", ratio(s, w)))
                        .append(" |\n");
            }
        }
        if (workloads.contains(Workload.EMPTY)) {
            md.append("\n## Fixed overhead: the empty job's phases (median ms since the process started)\n\n")
                    .append("`submitted`, `app-finished`: the ResourceManager's timestamps; `accepted`, `am-running`: ")
                    .append("first seen by polling YARN every 100 ms (Spindle: `am-running` is its AM's registration, ")
                    .append("from its own timeline); `first-executor`, `first-task`: where the system reports them.\n\n| system |");
            PHASES.forEach(p -> md.append(' ').append(p).append(" |"));
            md.append("\n|---|");
            PHASES.forEach(p -> md.append("---:|"));
            md.append('\n');
            for (String s : systems) {
                md.append("| ").append(s).append(" |");
                for (String p : PHASES) {
                    long[] v = runs.stream().filter(m -> m.system().equals(s) && m.workload() == Workload.EMPTY && m.ok()
                            && m.phases().containsKey(p)).mapToLong(m -> m.phases().get(p)).sorted().toArray();
                    md.append(' ').append(v.length == 0 ? "—" : String.valueOf(Stats.median(v))).append(" |");
                }
                md.append('\n');
            }
        }
        List<Measurement> bad = runs.stream().filter(m -> !m.ok()).toList();
        if (!bad.isEmpty()) {
            md.append("\n## Runs that do not count\n\n");
            bad.forEach(m -> md.append("- ").append(m.system()).append(' ').append(m.workload().id()).append(" round ")
                    .append(m.round()).append(": ").append(m.verdict()).append('\n'));
        }
        Map<String, String> notes = new LinkedHashMap<>();
        for (Measurement m : runs) {
            if (!m.note().isEmpty()) {
                notes.putIfAbsent(m.system() + " " + m.workload().id(), m.note());
            }
        }
        if (!notes.isEmpty()) {
            md.append("\n## Spindle's locality (first run of each)\n\n");
            notes.forEach((k, v) -> md.append("- ").append(k).append(": `").append(v).append("`\n"));
        }
        md.append("\n## Commands\n\n");
        commands.forEach((k, v) -> md.append("- ").append(k).append(": `").append(v).append("`\n"));
        return md.toString();
    }

    String csv() {
        StringBuilder sb = new StringBuilder("system,workload,round,wall_ms,verdict");
        TreeSet<String> phaseNames = new TreeSet<>();
        runs.forEach(m -> phaseNames.addAll(m.phases().keySet()));
        List<String> names = new ArrayList<>(phaseNames);
        names.forEach(p -> sb.append(',').append(p));
        sb.append('\n');
        for (Measurement m : runs) {
            sb.append(m.system()).append(',').append(m.workload().id()).append(',').append(m.round()).append(',')
                    .append(m.wallMillis()).append(',').append('"').append(m.verdict().replace("\"", "'")).append('"');
            for (String p : names) {
                Long v = m.phases().get(p);
                sb.append(',').append(v == null ? "" : v.toString());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String secs(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
