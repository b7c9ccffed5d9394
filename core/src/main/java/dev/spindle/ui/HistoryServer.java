package dev.spindle.ui;

import dev.spindle.status.EventLog;
import dev.spindle.status.EventLogWriter;
import dev.spindle.status.StatusStore;
import dev.spindle.status.StatusViews;
import dev.spindle.util.Json;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/spindle-history}: the UI of applications that ended (or run), replayed from the event
 * logs in one directory. {@code /} lists them, {@code /history/<app id>/} is the same UI the driver
 * served (its newest attempt), and {@code /api/v1/applications} lists them for scripts. A log is read
 * again only when it grew.
 *
 * <p>Thread-safe: requests run on the server's threads; the cache is a concurrent map of immutable
 * entries over thread-safe stores.
 */
public final class HistoryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryServer.class);
    private static final Pattern LOG_NAME = Pattern.compile("(application_\\d+_\\d+)_(\\d+)("
            + Pattern.quote(EventLogWriter.IN_PROGRESS) + ")?");

    private final FileSystem fs;
    private final Path dir;
    private final Map<String, Replayed> cache = new ConcurrentHashMap<>();
    private UiServer server;

    private record Replayed(long length, long modified, StatusStore store) {
    }

    /** One log: the application, its attempt, whether it is still being written. */
    private record Log(String appId, int attempt, boolean inProgress, FileStatus status) {
    }

    private HistoryServer(FileSystem fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
    }

    public static HistoryServer start(FileSystem fs, Path dir, String bindHost, int port, String advertisedHost)
            throws IOException {
        HistoryServer h = new HistoryServer(fs, dir);
        h.server = UiServer.start(bindHost, port, advertisedHost, ProxyGate.open(), h::route);
        return h;
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    private UiServer.Response route(String path, String query) {
        try {
            if (path.equals("/")) {
                return index();
            }
            if (path.equals("/api/v1/applications") || path.equals("/api/v1/applications/")) {
                List<StatusViews.App> apps = new ArrayList<>();
                for (Log l : newestAttempts()) {
                    apps.add(load(l).app());
                }
                return new UiServer.Response(200, "application/json", Json.write(apps));
            }
            Matcher m = Pattern.compile("/history/(application_\\d+_\\d+)(/.*)?").matcher(path);
            if (m.matches()) {
                Log log = newestAttempts().stream().filter(l -> l.appId().equals(m.group(1))).findFirst().orElse(null);
                if (log == null) {
                    return new UiServer.Response(404, "text/html", "<!DOCTYPE html><title>Unknown application</title>"
                            + "<p>No event log of " + Pages.esc(m.group(1)) + " in " + Pages.esc(dir.toString()) + ".");
                }
                StatusStore store = load(log);
                String rest = m.group(2) == null ? "/" : m.group(2);
                return UiServer.route(new Pages(store), new Api(store), rest, query);
            }
            return new UiServer.Response(404, "text/html", "<!DOCTYPE html><title>Not found</title><p>No page "
                    + Pages.esc(path) + ": see <a href=\"/\">the applications</a>.");
        } catch (IOException e) {
            LOG.warn("Cannot read the event logs in {}: {}", dir, e.toString());
            return new UiServer.Response(503, "text/plain", "cannot read the event logs in " + dir + ": " + e);
        }
    }

    private UiServer.Response index() throws IOException {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Spindle history"
                + "</title><style>body{font:14px sans-serif;margin:1em 2em}table{border-collapse:collapse}td,th{border:"
                + "1px solid #ccc;padding:3px 8px;text-align:left}th{background:#eee}</style></head><body>"
                + "<h1>Spindle history</h1><p>Event logs in ").append(Pages.esc(dir.toString())).append("</p>"
                + "<table id=\"applications\"><tr><th>Application</th><th>Name</th><th>User</th><th>Attempt</th>"
                + "<th>Status</th><th>Stages</th></tr>");
        for (Log l : newestAttempts()) {
            StatusStore store = load(l);
            StatusViews.App app = store.app();
            String status = l.inProgress() ? "RUNNING (or ended without closing its log)" : app.finalStatus();
            b.append("<tr><td><a href=\"history/").append(l.appId()).append("/\">").append(l.appId())
                    .append("</a></td><td>").append(Pages.esc(app.name())).append("</td><td>")
                    .append(Pages.esc(app.user())).append("</td><td>").append(l.attempt()).append("</td><td>")
                    .append(Pages.esc(status)).append("</td><td>").append(store.stages().size()).append("</td></tr>");
        }
        return new UiServer.Response(200, "text/html", b.append("</table></body></html>").toString());
    }

    /** The newest attempt's log of every application, newest application first. */
    private List<Log> newestAttempts() throws IOException {
        FileStatus[] files;
        try {
            files = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return List.of();
        }
        Map<String, Log> newest = new java.util.HashMap<>();
        for (FileStatus st : files) {
            Matcher m = LOG_NAME.matcher(st.getPath().getName());
            if (!st.isFile() || !m.matches()) {
                continue;
            }
            Log l = new Log(m.group(1), Integer.parseInt(m.group(2)), m.group(3) != null, st);
            newest.merge(l.appId(), l, (a, b) -> a.attempt() != b.attempt() ? (a.attempt() > b.attempt() ? a : b)
                    : a.inProgress() ? b : a);
        }
        List<Log> out = new ArrayList<>(newest.values());
        out.sort(Comparator.comparing(Log::appId).reversed());
        return out;
    }

    private StatusStore load(Log log) throws IOException {
        String key = log.status().getPath().getName();
        Replayed r = cache.get(key);
        if (r != null && r.length() == log.status().getLen() && r.modified() == log.status().getModificationTime()) {
            return r.store();
        }
        StatusStore store = new StatusStore();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(log.status().getPath()),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    store.on(EventLog.parse(line));
                } catch (IllegalArgumentException e) {
                    // A log cut short (its driver died mid-line): what came before still tells the story.
                    LOG.debug("Skipping a line of {}: {}", key, e.getMessage());
                }
            }
        }
        cache.put(key, new Replayed(log.status().getLen(), log.status().getModificationTime(), store));
        return store;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
