package dev.spindle.ui;

import dev.spindle.status.StatusStore;
import dev.spindle.status.StatusViews;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The UI's HTML pages: jobs ({@code /}), stages, one stage, executors and environment. Plain server-side
 * HTML with relative links (the ResourceManager's proxy serves the UI under a path of its own), no
 * scripts, everything escaped.
 */
final class Pages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private final StatusStore store;

    Pages(StatusStore store) {
        this.store = store;
    }

    UiServer.Response handle(String path, String query) {
        return switch (path) {
            case "/" -> page(path, "Jobs", jobs());
            case "/stages/" -> page(path, "Stages", stages(store.stages()));
            case "/stage/" -> stage(path, query);
            case "/executors/" -> page(path, "Executors", executors());
            case "/environment/" -> page(path, "Environment", environment());
            default -> new UiServer.Response(404, "text/html", "<!DOCTYPE html><title>Not found</title><p>No page "
                    + esc(path) + ": see <a href=\"/\">the jobs</a>.");
        };
    }

    private UiServer.Response page(String path, String title, String body) {
        String up = path.equals("/") ? "" : "../";
        StatusViews.App app = store.app();
        StringBuilder b = new StringBuilder(body.length() + 2048);
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append(" · ")
                .append(esc(app.name())).append(" · Spindle</title><style>")
                .append("body{font:14px sans-serif;margin:1em 2em}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#eee}")
                .append(".bar{display:inline-block;width:120px;height:10px;border:1px solid #888}")
                .append(".fill{height:10px;background:#4a8}.FAILED{color:#b00}nav a{margin-right:1em}")
                .append("</style></head><body><nav><b>Spindle</b> <a href=\"").append(up).append("\">Jobs</a>")
                .append("<a href=\"").append(up).append("stages/\">Stages</a>")
                .append("<a href=\"").append(up).append("executors/\">Executors</a>")
                .append("<a href=\"").append(up).append("environment/\">Environment</a></nav>")
                .append("<h1>").append(esc(title)).append("</h1><p id=\"app\">").append(esc(app.name())).append(" (")
                .append(esc(app.appId())).append(") of ").append(esc(app.user())).append(", started ")
                .append(app.startedAt() == 0 ? "-" : TIME.format(Instant.ofEpochMilli(app.startedAt()))).append("</p>")
                .append(body).append("</body></html>");
        return new UiServer.Response(200, "text/html", b.toString());
    }

    private String jobs() {
        StringBuilder b = new StringBuilder("<table id=\"jobs\"><tr><th>Job</th><th>State</th><th>Stages</th>"
                + "<th>Tasks (done / total)</th><th>Duration</th></tr>");
        for (StatusViews.Job j : store.jobs()) {
            b.append("<tr><td>").append(j.jobId()).append("</td><td class=\"").append(j.state()).append("\">")
                    .append(j.state()).append("</td><td>");
            for (int id : j.stageIds()) {
                b.append("<a href=\"stage/?id=").append(id).append("\">").append(id).append("</a> ");
            }
            b.append("</td><td>").append(bar(j.done(), j.tasks())).append(' ').append(j.done()).append(" / ")
                    .append(j.tasks()).append("</td><td>").append(duration(j.submittedAt(), j.endedAt()))
                    .append("</td></tr>");
        }
        List<StatusViews.Stage> running = store.runningStages();
        b.append("</table><h2>Running stages</h2>");
        return b.append(running.isEmpty() ? "<p>None.</p>" : stagesTable(running, "stage/")).toString();
    }

    private String stages(List<StatusViews.Stage> all) {
        return stagesTable(all, "../stage/");
    }

    private static String stagesTable(List<StatusViews.Stage> stages, String link) {
        StringBuilder b = new StringBuilder("<table id=\"stages\"><tr><th>Stage</th><th>Job</th><th>Description</th>"
                + "<th>State</th><th>Tasks: done + running / total</th><th>Failed attempts</th>"
                + "<th>Task time median / max</th><th>Input</th><th>Shuffle read</th><th>Shuffle write</th>"
                + "<th>Spilled</th><th>Locality</th></tr>");
        for (StatusViews.Stage s : stages) {
            b.append("<tr><td><a href=\"").append(link).append("?id=").append(s.stageId()).append("\">")
                    .append(s.stageId()).append("</a></td><td>").append(s.jobId()).append("</td><td>")
                    .append(esc(s.name())).append(s.recompute() ? " (recompute)" : "").append("</td><td class=\"")
                    .append(s.state()).append("\">").append(s.state()).append("</td><td>")
                    .append(bar(s.done(), s.tasks())).append(' ').append(s.done()).append(" + ").append(s.running())
                    .append(" / ").append(s.tasks()).append("</td><td>").append(s.failedAttempts()).append("</td><td>")
                    .append(millis(s.medianMillis())).append(" / ").append(millis(s.maxMillis())).append("</td><td>")
                    .append(bytes(s.inputBytes())).append("</td><td>").append(bytes(s.shuffleReadBytes()))
                    .append("</td><td>").append(bytes(s.shuffleWriteBytes())).append("</td><td>")
                    .append(bytes(s.spilledBytes())).append("</td><td>").append(esc(locality(s.locality())))
                    .append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private UiServer.Response stage(String path, String query) {
        StatusViews.Stage s = null;
        if (query != null && query.startsWith("id=")) {
            try {
                s = store.stage(Integer.parseInt(query.substring(3)));
            } catch (NumberFormatException e) {
                s = null;
            }
        }
        if (s == null) {
            return new UiServer.Response(404, "text/html", "<!DOCTYPE html><title>No such stage</title><p>No stage "
                    + esc(String.valueOf(query)) + ".");
        }
        StringBuilder b = new StringBuilder(stagesTable(List.of(s), ""));
        b.append("<dl><dt>Submitted</dt><dd>").append(TIME.format(Instant.ofEpochMilli(s.submittedAt())))
                .append("</dd><dt>Duration</dt><dd>").append(duration(s.submittedAt(), s.endedAt())).append("</dd>");
        if (s.failure() != null) {
            b.append("<dt>Failure</dt><dd class=\"FAILED\" id=\"failure\">").append(esc(s.failure())).append("</dd>");
        }
        if (s.lastTaskError() != null) {
            b.append("<dt>Last failed task</dt><dd class=\"FAILED\" id=\"task-error\">").append(esc(s.lastTaskError()))
                    .append("</dd>");
        }
        return page(path, "Stage " + s.stageId(), b.append("</dl>").toString());
    }

    private String executors() {
        StringBuilder b = new StringBuilder("<table id=\"executors\"><tr><th>Executor</th><th>Host</th>"
                + "<th>Container</th><th>Cores</th><th>State</th><th>Running</th><th>Succeeded</th><th>Failed</th>"
                + "<th>GC time</th><th>Heap used / max</th><th>Removed because</th></tr>");
        for (StatusViews.Executor e : store.executors()) {
            b.append("<tr><td>").append(esc(e.executorId())).append("</td><td>").append(esc(e.host()))
                    .append("</td><td>").append(esc(e.containerId())).append("</td><td>").append(e.cores())
                    .append("</td><td>").append(e.state()).append("</td><td>").append(e.running()).append("</td><td>")
                    .append(e.succeeded()).append("</td><td>").append(e.failed()).append("</td><td>")
                    .append(millis(e.gcMillis())).append("</td><td>").append(bytes(e.heapUsedBytes())).append(" / ")
                    .append(bytes(e.heapMaxBytes())).append("</td><td>")
                    .append(e.removedReason() == null ? "" : esc(e.removedReason())).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private String environment() {
        StringBuilder b = new StringBuilder("<table id=\"settings\"><tr><th>Setting</th><th>Value</th></tr>");
        for (Map.Entry<String, String> s : store.app().settings().entrySet()) {
            b.append("<tr><td>").append(esc(s.getKey())).append("</td><td>").append(esc(s.getValue()))
                    .append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private static String bar(int done, int total) {
        int pct = total == 0 ? 100 : (int) (100L * done / total);
        return "<span class=\"bar\"><span class=\"fill\" style=\"display:block;width:" + pct + "%\"></span></span>";
    }

    private static String locality(Map<String, Integer> byLevel) {
        StringBuilder b = new StringBuilder();
        byLevel.forEach((level, n) -> b.append(b.length() == 0 ? "" : ", ").append(level).append(' ').append(n));
        return b.toString();
    }

    private static String duration(long start, long end) {
        long to = end == 0 ? System.currentTimeMillis() : end;
        return millis(Math.max(0, to - start)) + (end == 0 ? " so far" : "");
    }

    private static String millis(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
