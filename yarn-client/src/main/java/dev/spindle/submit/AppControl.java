package dev.spindle.submit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;
import org.apache.hadoop.yarn.exceptions.YarnException;

import java.io.IOException;
import java.io.PrintStream;

/** {@code --status} and {@code --kill}: work against any YARN cluster, not only Spindle's applications. */
final class AppControl {
    private final Configuration hadoopConf;
    private final PrintStream out;
    private final long connectTimeoutMillis;

    AppControl(Configuration hadoopConf, PrintStream out, long connectTimeoutMillis) {
        this.hadoopConf = hadoopConf;
        this.out = out;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    SubmitResult run(SubmitRequest.Action action, String id) throws IOException, YarnException, InterruptedException {
        ApplicationId appId;
        try {
            appId = ApplicationId.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new UserError("'" + id + "' is not an application id (they look like application_1700000000000_0001)",
                    2, e);
        }
        YarnConfiguration conf = HadoopConfs.failFast(hadoopConf, connectTimeoutMillis);
        String rm = conf.get(YarnConfiguration.RM_ADDRESS);
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(conf);
            yarn.start();
            ApplicationReport report;
            try {
                report = yarn.getApplicationReport(appId);
            } catch (ApplicationNotFoundException e) {
                throw new UserError("the ResourceManager at " + rm + " knows no application " + appId);
            } catch (IOException | YarnException e) {
                throw new UserError("cannot reach the ResourceManager at " + rm + ": " + YarnSubmission.rootMessage(e), e);
            }
            if (action == SubmitRequest.Action.STATUS) {
                print(report);
                return new SubmitResult(0, appId.toString(), report.getFinalApplicationStatus().name(),
                        report.getDiagnostics(), null);
            }
            if (ApplicationMonitor.FINAL.contains(report.getYarnApplicationState())) {
                out.println("spindle-submit: " + appId + " has already ended (" + report.getYarnApplicationState()
                        + "/" + report.getFinalApplicationStatus() + "); nothing to kill");
                return new SubmitResult(0, appId.toString(), report.getFinalApplicationStatus().name(),
                        report.getDiagnostics(), null);
            }
            yarn.killApplication(appId);
            ApplicationReport after = yarn.getApplicationReport(appId);
            long deadline = System.currentTimeMillis() + 30_000;
            while (!ApplicationMonitor.FINAL.contains(after.getYarnApplicationState())
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                after = yarn.getApplicationReport(appId);
            }
            out.println("spindle-submit: killed " + appId + " (" + after.getYarnApplicationState() + ")");
            return new SubmitResult(0, appId.toString(), after.getFinalApplicationStatus().name(),
                    after.getDiagnostics(), null);
        }
    }

    private void print(ApplicationReport r) {
        out.println("application:  " + r.getApplicationId());
        out.println("name:         " + r.getName());
        out.println("type:         " + r.getApplicationType());
        out.println("queue:        " + r.getQueue());
        out.println("state:        " + r.getYarnApplicationState());
        out.println("final status: " + r.getFinalApplicationStatus());
        out.println("progress:     " + Math.round(r.getProgress() * 100) + "%");
        out.println("tracking URL: " + r.getTrackingUrl());
        String d = r.getDiagnostics();
        if (d != null && !d.isBlank()) {
            out.println("diagnostics:  " + d.replace("\n", "\n              "));
        }
    }
}
