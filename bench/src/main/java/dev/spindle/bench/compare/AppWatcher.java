package dev.spindle.bench.compare;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the ResourceManager while one run's process is alive, to time the phases of any system the
 * same way: when its application was submitted, first seen ACCEPTED, first seen RUNNING (its AM
 * registered), and finished, in ms since the process started. Polls every 100 ms, so the ACCEPTED
 * and RUNNING times are that coarse; submitted and finished are the RM's own timestamps.
 *
 * <p>One poller thread writes; {@link #stop()} returns the phases once it has ended.
 */
final class AppWatcher implements AutoCloseable {
    private final YarnClient yarn;
    private final Set<ApplicationId> before = new HashSet<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-app-watcher");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private long processStart;
    private ApplicationId app;
    private java.util.concurrent.ScheduledFuture<?> task;

    AppWatcher(Configuration conf) {
        yarn = YarnClient.createYarnClient();
        yarn.init(conf);
        yarn.start();
    }

    /** Notes the applications that exist now, then polls for the one the process starts. */
    void start(long processStartMillis) throws java.io.IOException {
        synchronized (phases) {
            phases.clear();
            app = null;
            processStart = processStartMillis;
        }
        before.clear();
        try {
            for (ApplicationReport r : yarn.getApplications()) {
                before.add(r.getApplicationId());
            }
        } catch (org.apache.hadoop.yarn.exceptions.YarnException e) {
            throw new java.io.IOException("cannot list applications: " + e.getMessage(), e);
        }
        task = poller.scheduleWithFixedDelay(this::poll, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            long now = System.currentTimeMillis();
            synchronized (phases) {
                if (app == null) {
                    for (ApplicationReport r : yarn.getApplications()) {
                        if (!before.contains(r.getApplicationId())) {
                            app = r.getApplicationId();
                            break;
                        }
                    }
                    if (app == null) {
                        return;
                    }
                }
                ApplicationReport r = yarn.getApplicationReport(app);
                phases.putIfAbsent("submitted", r.getStartTime() - processStart);
                YarnApplicationState s = r.getYarnApplicationState();
                if (s.ordinal() >= YarnApplicationState.ACCEPTED.ordinal()) {
                    phases.putIfAbsent("accepted", now - processStart);
                }
                if (s.ordinal() >= YarnApplicationState.RUNNING.ordinal() && s != YarnApplicationState.KILLED) {
                    phases.putIfAbsent("am-running", now - processStart);
                }
                if (r.getFinishTime() > 0) {
                    phases.putIfAbsent("app-finished", r.getFinishTime() - processStart);
                }
            }
        } catch (Exception e) {
            // The RM is busy or the app is gone: the next poll tries again.
        }
    }

    /**
     * Stops polling; looks a little longer (at most 3 s, untimed) for the RM's finish time, which a
     * client may exit before the RM records.
     */
    Map<String, Long> stop() throws InterruptedException {
        if (task != null) {
            task.cancel(false);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        poll();
        while (!phasesHave("app-finished") && applicationId() != null && System.nanoTime() < deadline) {
            Thread.sleep(100);
            poll();
        }
        synchronized (phases) {
            return new LinkedHashMap<>(phases);
        }
    }

    private boolean phasesHave(String phase) {
        synchronized (phases) {
            return phases.containsKey(phase);
        }
    }

    /** The watched application's id, or null when none was seen. */
    String applicationId() {
        synchronized (phases) {
            return app == null ? null : app.toString();
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        yarn.stop();
    }
}
