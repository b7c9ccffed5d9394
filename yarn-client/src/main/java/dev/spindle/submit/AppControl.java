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

/**
 * {@code --status}, {@code --kill} and {@code --logs} work against any YARN application, not only
 * Spindle's; {@code --list} lists the user's running Spindle applications.
 */
final class AppControl {
    private final Configuration hadoopConf;
    private final PrintStream out;
    private final long connectTimeoutMillis;

    AppControl(Configuration hadoopConf, PrintStream out, long connectTimeoutMillis) {
        this.hadoopConf = hadoopConf;
        this.out = out;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /** The running (or starting) Spindle applications of the user, one line each. */
    SubmitResult list() throws IOException, YarnException {
        YarnConfiguration conf = HadoopConfs.failFast(hadoopConf, connectTimeoutMillis);
        String user = org.apache.hadoop.security.UserGroupInformation.getCurrentUser().getShortUserName();
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(conf);
            yarn.start();
            java.util.List<ApplicationReport> apps;
            try {
                apps = yarn.getApplications(null, java.util.Set.of(user),
                        java.util.Set.of(YarnSubmission.APPLICATION_TYPE), java.util.EnumSet.of(
                                org.apache.hadoop.yarn.api.records.YarnApplicationState.NEW,
                                org.apache.hadoop.yarn.api.records.YarnApplicationState.NEW_SAVING,
                                org.apache.hadoop.yarn.api.records.YarnApplicationState.SUBMITTED,
                                org.apache.hadoop.yarn.api.records.YarnApplicationState.ACCEPTED,
                                org.apache.hadoop.yarn.api.records.YarnApplicationState.RUNNING));
            } catch (IOException | YarnException e) {
                throw new UserError("cannot reach the ResourceManager at " + conf.get(YarnConfiguration.RM_ADDRESS) + ": "
                        + YarnSubmission.rootMessage(e), e);
            }
            apps = apps.stream().sorted(java.util.Comparator.comparing(ApplicationReport::getApplicationId)).toList();
            if (apps.isEmpty()) {
                out.println("spindle-submit: " + user + " has no running Spindle applications");
            } else {
                out.printf("%-32s %-9s %8s  %-12s %s%n", "APPLICATION", "STATE", "PROGRESS", "QUEUE", "NAME / TRACKING URL");
                for (ApplicationReport r : apps) {
                    out.printf("%-32s %-9s %7d%%  %-12s %s  %s%n", r.getApplicationId(), r.getYarnApplicationState(),
                            Math.round(r.getProgress() * 100), r.getQueue(), r.getName(), r.getTrackingUrl());
                }
            }
            return new SubmitResult(0, null, null, apps.size() + " running", null);
        }
    }

    /** {@code --logs}: the application's aggregated container logs, or one sentence saying why there are none. */
    SubmitResult logs(String id, String containerId) throws IOException, YarnException {
        ApplicationId appId = parse(id);
        if (containerId != null) {
            try {
                org.apache.hadoop.yarn.api.records.ContainerId.fromString(containerId);
            } catch (IllegalArgumentException e) {
                throw new UserError("'" + containerId + "' is not a container id (they look like "
                        + "container_1700000000000_0001_01_000002)", 2, e);
            }
        }
        YarnConfiguration conf = HadoopConfs.failFast(hadoopConf, connectTimeoutMillis);
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(conf);
            yarn.start();
            ApplicationReport report = report(yarn, appId, conf.get(YarnConfiguration.RM_ADDRESS));
            ContainerLogs logs = new ContainerLogs(hadoopConf);
            if (!logs.aggregationEnabled()) {
                throw new UserError("this cluster does not aggregate container logs (yarn.log-aggregation-enable is "
                        + "false): they are in each NodeManager's log directory");
            }
            if (ApplicationMonitor.FINAL.contains(report.getYarnApplicationState())) {
                // Just ended: the NodeManagers upload its logs within seconds; wait for them, not the user.
                try {
                    report = ContainerLogs.awaitAggregation(yarn, appId, SubmitKeys.FAILURE_LOGS_WAIT.defaultValue());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            boolean any;
            try {
                any = logs.write(appId, report.getUser(), containerId, java.util.Set.of(), Long.MAX_VALUE, out);
            } catch (IOException e) {
                // YARN's readers say "does not exist" (as an IOException) when nothing was aggregated.
                if (!(e instanceof java.io.FileNotFoundException) && !String.valueOf(e.getMessage()).contains(
                        "does not exist")) {
                    throw e;
                }
                any = false;
            }
            out.flush();
            if (!any) {
                String when = ApplicationMonitor.FINAL.contains(report.getYarnApplicationState())
                        ? "(its log aggregation is " + report.getLogAggregationStatus() + ")"
                        : "yet: YARN aggregates them when the application ends (it is "
                        + report.getYarnApplicationState() + ")";
                throw new UserError("no aggregated logs of " + (containerId == null ? appId : containerId) + " "
                        + when);
            }
            return new SubmitResult(0, appId.toString(), report.getFinalApplicationStatus().name(),
                    report.getDiagnostics(), null);
        }
    }

    private static ApplicationId parse(String id) {
        try {
            return ApplicationId.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new UserError("'" + id + "' is not an application id (they look like application_1700000000000_0001)",
                    2, e);
        }
    }

    private static ApplicationReport report(YarnClient yarn, ApplicationId appId, String rm) {
        try {
            return yarn.getApplicationReport(appId);
        } catch (ApplicationNotFoundException e) {
            throw new UserError("the ResourceManager at " + rm + " knows no application " + appId);
        } catch (IOException | YarnException e) {
            throw new UserError("cannot reach the ResourceManager at " + rm + ": " + YarnSubmission.rootMessage(e), e);
        }
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
