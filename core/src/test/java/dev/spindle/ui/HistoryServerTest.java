package dev.spindle.ui;

import dev.spindle.status.EventLog;
import dev.spindle.status.EventLogWriter;
import dev.spindle.status.StatusEvent;
import dev.spindle.util.Json;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event logs written as a driver writes them, read back by the history server over HTTP. */
class HistoryServerTest {
    @TempDir
    java.nio.file.Path dir;

    private static final List<StatusEvent> EVENTS = List.of(
            new StatusEvent.ApplicationStarted("application_7_0003", "Join \"orders\"", "bob",
                    Map.of("spindle.executor.memory", "2g"), 100),
            new StatusEvent.ExecutorAdded("1", "node-1", "container_7_0003_01_000002", 2, 110),
            new StatusEvent.StageSubmitted(0, 0, "shuffle 0 map", 1, false, 120),
            new StatusEvent.TaskStarted(5, 0, 0, 0, "1", "node-1", "NODE_LOCAL", 130),
            new StatusEvent.TaskEnded(5, 0, null, true, 10, 0, 20, 0, 140),
            new StatusEvent.StageEnded(0, null, 140),
            new StatusEvent.StageSubmitted(0, 1, "result", 1, true, 150),
            new StatusEvent.TaskStarted(6, 1, 0, 0, "1", "node-1", "ANY", 150),
            new StatusEvent.TaskEnded(6, 1, "java.lang.RuntimeException: no\nline two", false, 0, 0, 0, 0, 160),
            new StatusEvent.StageEnded(1, "Job 0 failed: no", 170),
            new StatusEvent.ExecutorMetrics("1", 42, 100L << 20, 1L << 30, 172),
            new StatusEvent.ExecutorRemoved("1", "its container exited with status 1", 175),
            new StatusEvent.ApplicationEnded("FAILED", "User class threw no", 180));

    @Test
    void everyEventSurvivesItsLine() {
        for (StatusEvent e : EVENTS) {
            assertEquals(e, EventLog.parse(EventLog.line(e)));
        }
    }

    private static String get(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        assertEquals(200, c.getResponseCode(), url);
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWrittenLogIsServedAsTheDriverServedIt() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path logs = new Path(dir.resolve("events").toUri());
        EventLogWriter writer = EventLogWriter.open(fs, logs, "application_7_0003", 1);
        EVENTS.forEach(writer::on);
        writer.close();
        assertTrue(Files.exists(dir.resolve("events/application_7_0003_1")));
        assertFalse(Files.exists(dir.resolve("events/application_7_0003_1.inprogress")), "renamed when closed");
        // A second application whose driver died mid-line: its log stays in progress and cut short.
        Files.writeString(dir.resolve("events/application_7_0004_2.inprogress"), EventLog.line(EVENTS.get(0))
                .replace("application_7_0003", "application_7_0004") + "\n{\"event\":\"StageSubm");

        try (HistoryServer history = HistoryServer.start(fs, logs, "127.0.0.1", 0, "127.0.0.1")) {
            String index = get(history.url());
            assertTrue(index.contains("href=\"history/application_7_0003/\""), index);
            assertTrue(index.contains("FAILED") && index.contains("RUNNING (or ended without closing its log)"), index);
            String stages = get(history.url() + "history/application_7_0003/stages/");
            assertTrue(stages.contains("shuffle 0 map") && stages.contains("result (recompute)"), stages);
            String failed = get(history.url() + "history/application_7_0003/stage/?id=1");
            assertTrue(failed.contains("java.lang.RuntimeException: no\nline two"), failed);
            List<?> apps = (List<?>) Json.parse(get(history.url() + "api/v1/applications"));
            assertEquals(2, apps.size());
            Map<?, ?> stage = (Map<?, ?>) ((List<?>) Json.parse(get(history.url()
                    + "history/application_7_0003/api/v1/applications/application_7_0003/stages"))).get(0);
            assertEquals("COMPLETE", stage.get("state"));
            assertEquals(Map.of("NODE_LOCAL", 1L), stage.get("locality"));
            HttpURLConnection unknown = (HttpURLConnection) new URL(history.url() + "history/application_9_0001/")
                    .openConnection();
            assertEquals(404, unknown.getResponseCode());
        }
    }
}
