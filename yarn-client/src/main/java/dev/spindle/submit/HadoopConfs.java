package dev.spindle.submit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;

/** Loading the client's Hadoop configuration and writing the copy staged for containers. */
final class HadoopConfs {
    /** Keys test harnesses set that name classes a real cluster's processes do not have. */
    private static final Set<String> TEST_ONLY_KEYS = Set.of("net.topology.node.switch.mapping.impl",
            "hadoop.configured.node.mapping");

    private HadoopConfs() {
    }

    /** The configuration of {@code HADOOP_CONF_DIR} / {@code YARN_CONF_DIR}. */
    static YarnConfiguration fromEnvironment(Map<String, String> env) {
        YarnConfiguration conf = new YarnConfiguration();
        for (String var : new String[]{"HADOOP_CONF_DIR", "YARN_CONF_DIR"}) {
            String dir = env.get(var);
            if (dir == null || dir.isBlank()) {
                continue;
            }
            File d = new File(dir);
            if (!d.isDirectory()) {
                throw new UserError(var + "=" + dir + " is not a directory");
            }
            for (String f : new String[]{"core-site.xml", "hdfs-site.xml", "yarn-site.xml"}) {
                File file = new File(d, f);
                if (file.isFile()) {
                    conf.addResource(new Path(file.toURI()));
                }
            }
        }
        return conf;
    }

    /**
     * A client configuration that gives up on an absent ResourceManager after {@code timeoutMillis},
     * instead of Hadoop's default quarter of an hour of retries.
     */
    static YarnConfiguration failFast(Configuration conf, long timeoutMillis) {
        YarnConfiguration c = new YarnConfiguration(conf);
        c.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS, timeoutMillis);
        c.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_RETRY_INTERVAL_MS, Math.min(500, timeoutMillis));
        c.setInt("ipc.client.connect.max.retries", 0);
        c.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
        return c;
    }

    /** Applies {@code spindle.hadoop.X=V} settings as {@code X=V}. */
    static void applyOverrides(Configuration conf, Map<String, String> spindleSettings) {
        spindleSettings.forEach((k, v) -> {
            if (k.startsWith("spindle.hadoop.")) {
                conf.set(k.substring("spindle.hadoop.".length()), v);
            }
        });
    }

    static void writeForContainers(Configuration conf, OutputStream out) throws IOException {
        Configuration copy = new Configuration(conf);
        for (String k : TEST_ONLY_KEYS) {
            String v = copy.get(k);
            if (v != null && (v.contains("StaticMapping") || k.equals("hadoop.configured.node.mapping"))) {
                copy.unset(k);
            }
        }
        copy.writeXml(out);
    }
}
