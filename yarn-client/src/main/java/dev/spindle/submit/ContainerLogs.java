package dev.spindle.submit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.LogAggregationStatus;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.apache.hadoop.yarn.logaggregation.ContainerLogsRequest;
import org.apache.hadoop.yarn.logaggregation.filecontroller.LogAggregationFileController;
import org.apache.hadoop.yarn.logaggregation.filecontroller.LogAggregationFileControllerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application's container logs as YARN aggregated them to the cluster's file system once the
 * application ended: all of them for {@code --logs}, and the last lines of one container's stderr for
 * the failure report. Reads with YARN's own log readers, so any aggregation format the cluster uses works.
 */
final class ContainerLogs {
    private static final Pattern CONTAINER = Pattern.compile("container_(e\\d+_)?\\d+_\\d+_\\d+_\\d+");
    private static final EnumSet<LogAggregationStatus> ENDED = EnumSet.of(LogAggregationStatus.SUCCEEDED,
            LogAggregationStatus.FAILED, LogAggregationStatus.TIME_OUT, LogAggregationStatus.DISABLED);

    private final Configuration conf;

    ContainerLogs(Configuration conf) {
        this.conf = conf;
    }

    boolean aggregationEnabled() {
        return conf.getBoolean(YarnConfiguration.LOG_AGGREGATION_ENABLED,
                YarnConfiguration.DEFAULT_LOG_AGGREGATION_ENABLED);
    }

    /**
     * Waits until the NodeManagers have uploaded the ended application's logs, at most {@code timeoutMillis};
     * returns the last report.
     */
    static ApplicationReport awaitAggregation(YarnClient yarn, ApplicationId app, long timeoutMillis)
            throws IOException, YarnException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        ApplicationReport r = yarn.getApplicationReport(app);
        while (!ENDED.contains(r.getLogAggregationStatus()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = yarn.getApplicationReport(app);
        }
        return r;
    }

    /**
     * Writes the aggregated logs of {@code app} (of one container when {@code containerId} is not null) to
     * {@code out}, as {@code yarn logs} prints them; returns whether there were any.
     *
     * @param bytes how much of each log: positive from its start, negative from its end
     */
    boolean write(ApplicationId app, String owner, String containerId, Set<String> logTypes, long bytes,
                  OutputStream out) throws IOException {
        LogAggregationFileController reader = new LogAggregationFileControllerFactory(conf)
                .getFileControllerForRead(app, owner);
        ContainerLogsRequest request = new ContainerLogsRequest();
        request.setAppId(app);
        request.setAppOwner(owner);
        request.setAppFinished(true);
        request.setContainerId(containerId);
        request.setLogTypes(logTypes);
        request.setBytes(bytes);
        return reader.readAggregatedLogs(request, out);
    }

    /** The last {@code lines} lines of one container's stderr, or an empty list when there is none. */
    List<String> stderrTail(ApplicationId app, String owner, String containerId, int lines) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        if (!write(app, owner, containerId, Set.of("stderr"), -16 * 1024, buf)) {
            return List.of();
        }
        return lastLines(contentsOf(buf.toString(StandardCharsets.UTF_8)), lines);
    }

    /** The text between YARN's "LogContents:" header and its "End of LogType" footer. */
    static String contentsOf(String printed) {
        int start = printed.indexOf("LogContents:\n");
        if (start < 0) {
            return printed;
        }
        start += "LogContents:\n".length();
        int end = printed.indexOf("End of LogType:", start);
        return end < 0 ? printed.substring(start) : printed.substring(start, end);
    }

    static List<String> lastLines(String text, int n) {
        List<String> all = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() || !all.isEmpty()) {
                all.add(line);
            }
        }
        while (!all.isEmpty() && all.get(all.size() - 1).isBlank()) {
            all.remove(all.size() - 1);
        }
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** The container the diagnostics name last (the one that failed last), or null when they name none. */
    static String lastContainerNamed(String diagnostics) {
        Matcher m = CONTAINER.matcher(diagnostics == null ? "" : diagnostics);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }
}
