package dev.spindle.ui;

import dev.spindle.status.StatusEvent;
import dev.spindle.status.StatusStore;
import dev.spindle.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UI and its JSON API over real HTTP, from a store filled with a job's events. */
class UiServerTest {
    private final StatusStore store = new StatusStore();
    private UiServer ui;

    private void job() {
        store.on(new StatusEvent.ApplicationStarted("application_1_0001", "WordCount <test>", "alice",
                Map.of("spindle.executor.memory", "1g"), 1000));
        store.on(new StatusEvent.ExecutorAdded("1", "node-1", "container_1_0001_01_000002", 2, 1000));
        store.on(new StatusEvent.StageSubmitted(0, 0, "shuffle 0 map", 2, false, 1000));
        store.on(new StatusEvent.TaskStarted(1, 0, 0, 0, "1", "node-1", "NODE_LOCAL", 1000));
        store.on(new StatusEvent.TaskStarted(2, 0, 1, 0, "1", "node-1", "ANY", 1000));
        store.on(new StatusEvent.TaskEnded(1, 0, null, true, 2048, 0, 512, 0, 1100));
        store.on(new StatusEvent.TaskEnded(2, 0, "java.lang.IllegalStateException: <boom>", false, 0, 0, 0, 0, 1200));
    }

    private static HttpURLConnection get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setInstanceFollowRedirects(false);
        return c;
    }

    private static String body(HttpURLConnection c) throws IOException {
        try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void stop() {
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    void pagesShowStagesExecutorsAndFailuresEscaped() throws Exception {
        job();
        ui = UiServer.start(store, "127.0.0.1", 0, "127.0.0.1", ProxyGate.open());
        String jobs = body(get(ui.url()));
        assertTrue(jobs.contains("WordCount &lt;test&gt; (application_1_0001) of alice"), jobs);
        assertTrue(jobs.contains("<td class=\"RUNNING\">RUNNING</td>"), jobs);
        String stages = body(get(ui.url() + "stages/"));
        assertTrue(stages.contains("shuffle 0 map") && stages.contains("1 + 0 / 2"), stages);
        assertTrue(stages.contains("2.0 KiB"), "input bytes: " + stages);
        String stage = body(get(ui.url() + "stage/?id=0"));
        assertTrue(stage.contains("java.lang.IllegalStateException: &lt;boom&gt;"), stage);
        store.on(new StatusEvent.ExecutorMetrics("1", 1500, 3L << 20, 1L << 30, 1300));
        String executors = body(get(ui.url() + "executors/"));
        assertTrue(executors.contains("container_1_0001_01_000002"), executors);
        assertTrue(executors.contains("<td>1.5 s</td><td>3.0 MiB / 1.0 GiB</td>"), "GC time and heap: " + executors);
        assertTrue(body(get(ui.url() + "environment/")).contains("spindle.executor.memory"));
        assertEquals(404, get(ui.url() + "nothing/").getResponseCode());
        assertEquals(404, get(ui.url() + "stage/?id=9").getResponseCode());
    }

    @Test
    void theJsonApiFollowsSparksPaths() throws Exception {
        job();
        ui = UiServer.start(store, "127.0.0.1", 0, "127.0.0.1", ProxyGate.open());
        String base = ui.url() + "api/v1/applications/";
        List<?> apps = (List<?>) Json.parse(body(get(base)));
        assertEquals("application_1_0001", ((Map<?, ?>) apps.get(0)).get("appId"));
        HttpURLConnection stagesCall = get(base + "application_1_0001/stages");
        assertTrue(stagesCall.getContentType().startsWith("application/json"));
        List<?> stages = (List<?>) Json.parse(body(stagesCall));
        assertEquals(1, stages.size());
        Map<?, ?> stage = (Map<?, ?>) stages.get(0);
        assertEquals(1L, stage.get("done"));
        assertEquals(1L, stage.get("failedAttempts"));
        assertEquals(512L, stage.get("shuffleWriteBytes"));
        assertEquals(Map.of("NODE_LOCAL", 1L), stage.get("locality"));
        assertEquals("java.lang.IllegalStateException: <boom>", stage.get("lastTaskError"));
        assertEquals("RUNNING", ((Map<?, ?>) Json.parse(body(get(base + "application_1_0001/stages/0")))).get("state"));
        assertEquals(1, ((List<?>) Json.parse(body(get(base + "application_1_0001/executors")))).size());
        assertEquals("RUNNING", ((Map<?, ?>) ((List<?>) Json.parse(body(get(base + "application_1_0001/jobs"))))
                .get(0)).get("state"));
        assertEquals(404, get(base + "application_9_0009/jobs").getResponseCode());
        assertEquals(404, get(base + "application_1_0001/stages/x").getResponseCode());
    }

    @Test
    void requestsNotFromTheProxyAreSentToIt() throws Exception {
        job();
        // 192.0.2.0/24 is for documentation: this test's requests never come from there.
        ui = UiServer.start(store, "127.0.0.1", 0, "127.0.0.1",
                new ProxyGate(List.of("192.0.2.10"), "http://rm.example:8088/proxy/application_1_0001"));
        HttpURLConnection c = get(ui.url() + "stages/?x=1");
        assertEquals(307, c.getResponseCode());
        assertEquals("http://rm.example:8088/proxy/application_1_0001/stages/?x=1", c.getHeaderField("Location"));
        assertEquals(307, get(ui.url() + "api/v1/applications").getResponseCode(), "the API too");

        ui.close();
        ui = UiServer.start(store, "127.0.0.1", 0, "127.0.0.1",
                new ProxyGate(List.of("127.0.0.1"), "http://rm.example:8088/proxy/application_1_0001"));
        assertEquals(200, get(ui.url()).getResponseCode(), "the proxy itself is served");
    }
}
