package dev.spindle.submit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.client.api.YarnClient;

import java.io.PrintStream;
import java.util.List;

/**
 * Why an application failed, from the container that failed: the last lines of its stderr, read from
 * the aggregated logs, and the command that prints the rest. The container is the last one the
 * diagnostics name (an executor the AM gave up on, or YARN's report of the AM's container), else the
 * ApplicationMaster's own. Anything that goes wrong here is one line, never the run's result.
 */
final class FailedContainerReport {
    static final int LINES = 20;

    private final Configuration hadoopConf;
    private final PrintStream err;
    private final long waitMillis;
    private final boolean clusterOutlivesRun;

    /** @param clusterOutlivesRun whether {@code --logs} can reach the cluster later (not an embedded master) */
    FailedContainerReport(Configuration hadoopConf, PrintStream err, long waitMillis, boolean clusterOutlivesRun) {
        this.hadoopConf = hadoopConf;
        this.err = err;
        this.waitMillis = waitMillis;
        this.clusterOutlivesRun = clusterOutlivesRun;
    }

    /**
     * @param amTellsWhy whether the ApplicationMaster's own stderr explains the failure when the diagnostics
     *                   name no container (cluster mode, where it ran the driver; not a failed client-mode job,
     *                   whose exception spindle-submit already printed)
     */
    void print(YarnClient yarn, ApplicationReport ended, boolean amTellsWhy) {
        ApplicationId app = ended.getApplicationId();
        ContainerLogs logs = new ContainerLogs(hadoopConf);
        try {
            String container = ContainerLogs.lastContainerNamed(ended.getDiagnostics());
            if (container == null && amTellsWhy && ended.getCurrentApplicationAttemptId() != null) {
                ContainerId am = yarn.getApplicationAttemptReport(ended.getCurrentApplicationAttemptId())
                        .getAMContainerId();
                container = am == null ? null : am.toString();
            }
            if (container == null) {
                return;
            }
            if (!logs.aggregationEnabled()) {
                err.println("spindle-submit: container " + container + "'s stderr is in its NodeManager's log "
                        + "directory (this cluster does not aggregate logs: yarn.log-aggregation-enable)");
                return;
            }
            ApplicationReport r = ContainerLogs.awaitAggregation(yarn, app, waitMillis);
            List<String> tail = logs.stderrTail(app, r.getUser(), container, LINES);
            String rest = clusterOutlivesRun ? " (all of its logs: spindle-submit --logs " + app + " --container "
                    + container + ")" : "";
            if (tail.isEmpty()) {
                err.println("spindle-submit: container " + container + " wrote nothing to stderr" + rest);
                return;
            }
            err.println("spindle-submit: the last lines of container " + container + "'s stderr" + rest + ":");
            for (String line : tail) {
                err.println("  | " + line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            err.println("spindle-submit: could not read the failed container's logs: " + YarnSubmission.rootMessage(e));
        }
    }
}
