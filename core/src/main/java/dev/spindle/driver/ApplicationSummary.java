package dev.spindle.driver;

import dev.spindle.protocol.TaskMetrics;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the driver did over the whole application. It travels as one text line (in the
 * ApplicationMaster's final diagnostic in cluster mode) so spindle-submit can print it in both modes.
 *
 * @param firstExecutorAtMillis epoch time the first executor registered, 0 if none did
 * @param firstTaskAtMillis     epoch time the first task was launched, 0 if none was
 * @param io                    what the successful tasks read and wrote, summed
 * @param recomputedTasks       map tasks run again because their output was lost (a fetch failure)
 */
public record ApplicationSummary(int jobs, int stages, int tasks, int failedAttempts, int recomputedTasks,
                                 Map<String, Integer> tasksByExecutor,
                                 long firstExecutorAtMillis, long firstTaskAtMillis, TaskMetrics io,
                                 Locality locality) {
    /**
     * Tasks with preferred hosts (or cached input), by where they ran, and their input bytes read on or
     * off their host; process-local tasks ran in the executor that had their input cached.
     */
    public record Locality(long processLocal, long nodeLocal, long rackLocal, long any, long localBytes,
                           long remoteBytes) {
        public static final Locality NONE = new Locality(0, 0, 0, 0, 0, 0);

        public Locality(long nodeLocal, long rackLocal, long any, long localBytes, long remoteBytes) {
            this(0, nodeLocal, rackLocal, any, localBytes, remoteBytes);
        }

        /** The line the job summary ends with, for scripts and people; process-local only when there were any. */
        public String toLine() {
            return "locality: node-local=" + nodeLocal + " rack-local=" + rackLocal + " any=" + any + " local-bytes="
                    + localBytes + " remote-bytes=" + remoteBytes + (processLocal > 0 ? " process-local=" + processLocal : "");
        }
    }

    public static final String PREFIX = "spindle-summary:";

    public ApplicationSummary {
        Objects.requireNonNull(tasksByExecutor, "tasksByExecutor");
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(locality, "locality");
        tasksByExecutor = Map.copyOf(tasksByExecutor);
        if (jobs < 0 || stages < 0 || tasks < 0 || failedAttempts < 0 || recomputedTasks < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** Executors that ran at least one task to success. */
    public int executorsUsed() {
        return (int) tasksByExecutor.values().stream().filter(n -> n > 0).count();
    }

    public String toLine() {
        StringBuilder byExec = new StringBuilder();
        new TreeMap<>(tasksByExecutor).forEach((k, v) -> {
            if (byExec.length() > 0) {
                byExec.append(',');
            }
            byExec.append(k).append('=').append(v);
        });
        return PREFIX + " jobs=" + jobs + " stages=" + stages + " tasks=" + tasks + " failed-attempts=" + failedAttempts + " recomputed-tasks=" + recomputedTasks
                + " first-executor-at=" + firstExecutorAtMillis + " first-task-at=" + firstTaskAtMillis
                + " input-bytes=" + io.inputBytes() + " input-records=" + io.inputRecords()
                + " shuffle-written=" + io.shuffleBytesWritten() + " shuffle-read=" + io.shuffleBytesRead()
                + " shuffle-fetched=" + io.shuffleBytesFetched()
                + " output-records=" + io.outputRecords() + " spilled=" + io.bytesSpilled() + " process-local=" + locality.processLocal()
                + " node-local=" + locality.nodeLocal() + " rack-local="
                + locality.rackLocal() + " any=" + locality.any() + " local-bytes=" + locality.localBytes()
                + " remote-bytes=" + locality.remoteBytes() + " tasks-by-executor=" + byExec;
    }

    /** Finds and parses the summary line in a diagnostic text, if there is one. */
    public static java.util.Optional<ApplicationSummary> find(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        for (String line : text.split("\n")) {
            String l = line.trim();
            if (!l.startsWith(PREFIX)) {
                continue;
            }
            Map<String, String> f = new TreeMap<>();
            for (String part : l.substring(PREFIX.length()).trim().split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    f.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            try {
                Map<String, Integer> byExec = new TreeMap<>();
                String list = f.getOrDefault("tasks-by-executor", "");
                if (!list.isEmpty()) {
                    for (String kv : list.split(",")) {
                        int eq = kv.indexOf('=');
                        byExec.put(kv.substring(0, eq), Integer.parseInt(kv.substring(eq + 1)));
                    }
                }
                return java.util.Optional.of(new ApplicationSummary(Integer.parseInt(f.get("jobs")),
                        Integer.parseInt(f.get("stages")), Integer.parseInt(f.get("tasks")), Integer.parseInt(f.get("failed-attempts")),
                        Integer.parseInt(f.get("recomputed-tasks")), byExec,
                        Long.parseLong(f.get("first-executor-at")), Long.parseLong(f.get("first-task-at")),
                        new TaskMetrics(Long.parseLong(f.get("input-bytes")), Long.parseLong(f.get("input-records")),
                                Long.parseLong(f.get("shuffle-written")), Long.parseLong(f.get("shuffle-read")),
                                Long.parseLong(f.get("shuffle-fetched")),
                                Long.parseLong(f.get("output-records")),
                                Long.parseLong(f.getOrDefault("spilled", "0"))),
                        new Locality(Long.parseLong(f.getOrDefault("process-local", "0")),
                                Long.parseLong(f.get("node-local")), Long.parseLong(f.get("rack-local")),
                                Long.parseLong(f.get("any")), Long.parseLong(f.get("local-bytes")),
                                Long.parseLong(f.get("remote-bytes")))));
            } catch (RuntimeException e) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }
}
