package dev.spindle.submit;

import dev.spindle.driver.ApplicationSummary;
import dev.spindle.protocol.TaskMetrics;

import java.util.Locale;

/** The one-line job summary spindle-submit prints at the end of a run. */
final class JobSummaryText {
    private JobSummaryText() {
    }

    static String describe(ApplicationSummary s, long wallMillis) {
        TaskMetrics io = s.io();
        StringBuilder sb = new StringBuilder();
        sb.append(count(s.jobs(), "job")).append(", ").append(count(s.stages(), "stage")).append(", ")
                .append(count(s.tasks(), "task")).append(" on ").append(count(s.executorsUsed(), "executor"));
        if (s.failedAttempts() > 0 || s.recomputedTasks() > 0) {
            sb.append(" (");
            if (s.failedAttempts() > 0) {
                sb.append(count(s.failedAttempts(), "failed attempt"));
            }
            if (s.recomputedTasks() > 0) {
                sb.append(s.failedAttempts() > 0 ? ", " : "").append(count(s.recomputedTasks(), "map task"))
                        .append(s.recomputedTasks() == 1 ? " recomputed after its output was lost"
                                : " recomputed after their output was lost");
            }
            sb.append(')');
        }
        if (io.inputRecords() > 0 || io.inputBytes() > 0) {
            sb.append("; input ").append(bytes(io.inputBytes())).append(" in ").append(count(io.inputRecords(), "record"));
        }
        if (io.shuffleBytesWritten() > 0 || io.shuffleBytesRead() > 0) {
            sb.append("; shuffle ").append(bytes(io.shuffleBytesWritten())).append(" written, ")
                    .append(bytes(io.shuffleBytesReadLocally())).append(" read on the same host, ")
                    .append(bytes(io.shuffleBytesFetched())).append(" fetched from other hosts");
        }
        if (io.bytesSpilled() > 0) {
            sb.append("; ").append(bytes(io.bytesSpilled())).append(" spilled to local disk");
        }
        if (io.outputRecords() > 0) {
            sb.append("; output ").append(count(io.outputRecords(), "record"));
        }
        sb.append("; ").append(String.format(Locale.ROOT, "%.1f s", wallMillis / 1000.0));
        return sb.toString();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
