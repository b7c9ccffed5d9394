package dev.spindle.ui;

import dev.spindle.status.StatusStore;
import dev.spindle.status.StatusViews;
import dev.spindle.util.Json;

import java.util.List;
import java.util.Map;

/**
 * The JSON API under {@code /api/v1}, in Spark's paths: {@code applications}, and under
 * {@code applications/<id>/}: {@code jobs}, {@code stages}, {@code stages/<n>}, {@code executors},
 * {@code environment}. Bodies are the {@link StatusViews} records as JSON objects.
 */
final class Api {
    private final StatusStore store;

    Api(StatusStore store) {
        this.store = store;
    }

    UiServer.Response handle(String path, String query) {
        String[] parts = path.replaceAll("/+$", "").split("/");
        // "", "api", "v1", "applications", id, what, n
        if (parts.length < 4 || !parts[3].equals("applications")) {
            return error(404, "no such resource: " + path + " (try /api/v1/applications)");
        }
        StatusViews.App app = store.app();
        if (parts.length == 4) {
            return ok(List.of(app));
        }
        if (!parts[4].equals(app.appId())) {
            return error(404, "no application " + parts[4] + " here (this is " + app.appId() + ")");
        }
        if (parts.length == 5) {
            return ok(app);
        }
        String what = parts[5];
        return switch (what) {
            case "jobs" -> ok(store.jobs());
            case "executors" -> ok(store.executors());
            case "environment" -> ok(Map.of("settings", app.settings()));
            case "stages" -> {
                if (parts.length == 6) {
                    yield ok(store.stages());
                }
                StatusViews.Stage s = stageOf(parts[6]);
                yield s == null ? error(404, "no stage " + parts[6]) : ok(s);
            }
            default -> error(404, "no such resource: " + path);
        };
    }

    private StatusViews.Stage stageOf(String id) {
        try {
            return store.stage(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static UiServer.Response ok(Object value) {
        return new UiServer.Response(200, "application/json", Json.write(value));
    }

    private static UiServer.Response error(int status, String message) {
        return new UiServer.Response(status, "application/json", Json.write(Map.of("error", message)));
    }
}
