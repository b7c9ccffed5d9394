package dev.spindle.bench;

import dev.spindle.status.StatusEvent;
import dev.spindle.status.StatusStore;
import dev.spindle.ui.ProxyGate;
import dev.spindle.ui.UiServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The web UI's pages over HTTP for a job of 10,000 tasks (one stage of 10,000, and 100 stages of 100
 * besides), 8 executors: how long a page takes from request to last byte. The floor is the same
 * server's answer to an unknown path (a 404 of a few bytes): HTTP on the loopback alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class UiPageBenchmark {
    private UiServer ui;
    private String base;

    @Setup
    public void setup() throws IOException {
        StatusStore store = new StatusStore();
        store.on(new StatusEvent.ApplicationStarted("application_1_0001", "bench", "u", Map.of("a", "b"), 0));
        for (int e = 1; e <= 8; e++) {
            store.on(new StatusEvent.ExecutorAdded(String.valueOf(e), "node-" + e, "container_" + e, 4, 0));
        }
        long task = 0;
        task = stage(store, 0, 10_000, task);
        for (int s = 1; s <= 100; s++) {
            task = stage(store, s, 100, task);
        }
        ui = UiServer.start(store, "127.0.0.1", 0, "127.0.0.1", ProxyGate.open());
        base = ui.url();
    }

    private static long stage(StatusStore store, int id, int tasks, long task) {
        store.on(new StatusEvent.StageSubmitted(id / 10, id, "shuffle " + id + " map", tasks, false, 0));
        for (int p = 0; p < tasks; p++, task++) {
            String executor = String.valueOf(p % 8 + 1);
            store.on(new StatusEvent.TaskStarted(task, id, p, 0, executor, "node-" + executor,
                    p % 3 == 0 ? "ANY" : "NODE_LOCAL", p));
            store.on(new StatusEvent.TaskEnded(task, id, null, true, 1 << 20, 1 << 10, 1 << 12, 0, p + 10 + p % 97));
        }
        store.on(new StatusEvent.StageEnded(id, null, tasks + 200));
        return task;
    }

    @TearDown
    public void tearDown() {
        ui.close();
    }

    private static int get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return in.readAllBytes().length + status;
        }
    }

    @Benchmark
    public int floorNotFound() throws IOException {
        return get(base + "nothing/");
    }

    @Benchmark
    public int jobsPage() throws IOException {
        return get(base);
    }

    @Benchmark
    public int stagesPage() throws IOException {
        return get(base + "stages/");
    }

    @Benchmark
    public int bigStagePage() throws IOException {
        return get(base + "stage/?id=0");
    }

    @Benchmark
    public int stagesJson() throws IOException {
        return get(base + "api/v1/applications/application_1_0001/stages");
    }
}
