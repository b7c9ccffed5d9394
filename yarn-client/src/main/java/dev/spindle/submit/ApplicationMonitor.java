package dev.spindle.submit;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

import java.io.IOException;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Set;

/** Follows one application's reports, printing each state change, until it ends or time runs out. */
final class ApplicationMonitor {
    static final Set<YarnApplicationState> FINAL = EnumSet.of(YarnApplicationState.FINISHED,
            YarnApplicationState.FAILED, YarnApplicationState.KILLED);

    private final YarnClient yarn;
    private final ApplicationId appId;
    private final PrintStream out;
    private final Timeline timeline;
    private final long intervalMillis;
    private YarnApplicationState last;

    ApplicationMonitor(YarnClient yarn, ApplicationId appId, PrintStream out, Timeline timeline, long intervalMillis) {
        this.yarn = yarn;
        this.appId = appId;
        this.out = out;
        this.timeline = timeline;
        this.intervalMillis = intervalMillis;
    }

    /** Polls until the application is in a final state; returns null if {@code timeoutMillis} passes first. */
    ApplicationReport awaitEnd(long timeoutMillis) throws IOException, YarnException, InterruptedException {
        long deadline = timeoutMillis == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMillis;
        while (true) {
            ApplicationReport r = yarn.getApplicationReport(appId);
            observe(r);
            if (FINAL.contains(r.getYarnApplicationState())) {
                return r;
            }
            if (System.currentTimeMillis() >= deadline) {
                return null;
            }
            Thread.sleep(intervalMillis);
        }
    }

    private synchronized void observe(ApplicationReport r) {
        YarnApplicationState s = r.getYarnApplicationState();
        if (s == last) {
            return;
        }
        last = s;
        switch (s) {
            case ACCEPTED -> timeline.mark("accepted");
            case RUNNING -> {
                timeline.mark("accepted");
                timeline.mark("am-registered");
            }
            default -> {
            }
        }
        if (s == YarnApplicationState.ACCEPTED || s == YarnApplicationState.RUNNING) {
            String url = r.getTrackingUrl();
            out.println("spindle-submit: " + appId + " is " + s
                    + (s == YarnApplicationState.RUNNING && url != null && !url.isBlank() && !url.equals("N/A") && !url.contains(":0/")
                    ? " (tracking URL: " + url + ")" : ""));
        }
    }
}
