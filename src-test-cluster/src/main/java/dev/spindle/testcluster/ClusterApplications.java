package dev.spindle.testcluster;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * The applications of an embedded cluster, as its tests see them: which exist, which have not
 * finished, killing those, and the log files their containers wrote on the NodeManagers. Each call
 * asks the ResourceManager afresh; stateless apart from where to look.
 */
final class ClusterApplications {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterApplications.class);
    /** Every state before a final one (FINISHED, FAILED, KILLED). */
    static final EnumSet<YarnApplicationState> UNFINISHED = EnumSet.of(YarnApplicationState.NEW,
            YarnApplicationState.NEW_SAVING, YarnApplicationState.SUBMITTED, YarnApplicationState.ACCEPTED,
            YarnApplicationState.RUNNING);

    private final Supplier<Configuration> clientConf;
    private final Path baseDir;
    private final int nodes;

    ClusterApplications(Supplier<Configuration> clientConf, Path baseDir, int nodes) {
        this.clientConf = clientConf;
        this.baseDir = baseDir;
        this.nodes = nodes;
    }

    /** Every application the ResourceManager knows of, in any state. */
    List<ApplicationReport> all() throws IOException {
        return query(null);
    }

    /** The applications that have not reached a final state. */
    List<ApplicationReport> unfinished() throws IOException {
        return query(UNFINISHED);
    }

    private List<ApplicationReport> query(EnumSet<YarnApplicationState> states) throws IOException {
        try (YarnClient yc = startClient()) {
            return states == null ? yc.getApplications() : yc.getApplications(states);
        } catch (YarnException e) {
            throw new IOException("cannot list the cluster's applications: " + e, e);
        }
    }

    /** Kills these applications; YarnClient waits until the ResourceManager has them killed. */
    void kill(List<ApplicationId> apps) throws IOException {
        try (YarnClient yc = startClient()) {
            for (ApplicationId app : apps) {
                LOG.warn("Killing leftover application {}", app);
                yc.killApplication(app);
            }
        } catch (YarnException e) {
            throw new IOException("cannot kill applications " + apps + ": " + e, e);
        }
    }

    /** Kills every application that has not finished. */
    void killUnfinished() throws IOException {
        kill(unfinished().stream().map(ApplicationReport::getApplicationId).toList());
    }

    /**
     * Every log file the containers of {@code app} wrote, on any NodeManager ({@code <NM log dir>/<app
     * id>/<container id>/<file>}), in a stable order. Files go once the NodeManager no longer keeps
     * the application's logs ({@code logRetainSeconds} after it ends).
     */
    List<Path> logFiles(ApplicationId app) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Path appDir = ClusterServices.logDir(baseDir, i).resolve(app.toString());
            if (!Files.isDirectory(appDir)) {
                continue;
            }
            try (var containers = Files.list(appDir)) {
                for (Path c : containers.sorted().toList()) {
                    if (!Files.isDirectory(c)) {
                        continue;
                    }
                    try (var files = Files.list(c)) {
                        files.filter(Files::isRegularFile).sorted().forEach(out::add);
                    }
                }
            }
        }
        return out;
    }

    /** The text of one log file ({@code stdout}, {@code stderr}) of every container of {@code app}. */
    List<String> logs(ApplicationId app, String file) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : logFiles(app)) {
            if (f.getFileName().toString().equals(file)) {
                out.add(Files.readString(f));
            }
        }
        return out;
    }

    private YarnClient startClient() {
        YarnClient yc = YarnClient.createYarnClient();
        yc.init(clientConf.get());
        yc.start();
        return yc;
    }
}
