package dev.spindle.submit;

import dev.spindle.status.StatusViews;
import dev.spindle.util.Json;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A cluster-mode driver's stages, for the console progress: read from its JSON API through the
 * application's tracking URL (the ResourceManager's proxy), as a script would. Null while there is
 * nothing to read (the application not running yet, the UI not answering).
 *
 * <p>Threading: called from the console progress's one thread.
 */
final class RemoteStages implements Supplier<List<StatusViews.Stage>> {
    private final YarnClient yarn;
    private final ApplicationId app;
    private String stagesUrl;

    RemoteStages(YarnClient yarn, ApplicationId app) {
        this.yarn = yarn;
        this.app = app;
    }

    @Override
    public List<StatusViews.Stage> get() {
        try {
            if (stagesUrl == null) {
                ApplicationReport r = yarn.getApplicationReport(app);
                String tracking = r.getTrackingUrl();
                if (r.getYarnApplicationState() != YarnApplicationState.RUNNING || tracking == null
                        || !tracking.startsWith("http")) {
                    return null;
                }
                stagesUrl = (tracking.endsWith("/") ? tracking : tracking + "/") + "api/v1/applications/" + app
                        + "/stages";
            }
            return read(stagesUrl);
        } catch (IOException | org.apache.hadoop.yarn.exceptions.YarnException | RuntimeException e) {
            return null;
        }
    }

    static List<StatusViews.Stage> read(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(2000);
        c.setRequestProperty("Accept", "application/json");
        try (InputStream in = c.getInputStream()) {
            if (c.getResponseCode() != 200 || c.getContentType() == null
                    || !c.getContentType().startsWith("application/json")) {
                return null;
            }
            List<StatusViews.Stage> out = new ArrayList<>();
            for (Object o : (List<?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                out.add(stage((Map<?, ?>) o));
            }
            return out;
        } finally {
            c.disconnect();
        }
    }

    /** A stage from the API's JSON object; what the console does not show is left out. */
    static StatusViews.Stage stage(Map<?, ?> m) {
        return new StatusViews.Stage(num(m, "jobId"), num(m, "stageId"), (String) m.get("name"), (String) m.get("state"),
                num(m, "tasks"), num(m, "done"), num(m, "running"), num(m, "failedAttempts"),
                Boolean.TRUE.equals(m.get("recompute")), along(m, "submittedAt"), along(m, "endedAt"), 0, 0, 0, 0, 0, 0,
                Map.of(), (String) m.get("failure"), (String) m.get("lastTaskError"));
    }

    private static int num(Map<?, ?> m, String key) {
        return (int) along(m, key);
    }

    private static long along(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
