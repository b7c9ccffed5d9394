package dev.spindle.testcluster;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.mapreduce.v2.jobhistory.JHAdminConfig;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What a client of an embedded cluster needs to reach it, in memory and as the *-site.xml files of a
 * Hadoop client configuration directory. Only named keys are copied from the services' own
 * configuration: what the cluster sets for itself alone (MiniDFSCluster's
 * {@code net.topology.node.switch.mapping.impl=StaticMapping}, NodeManager directories, test tuning)
 * never reaches a client. Immutable.
 */
final class ClientConfiguration {
    /** YARN and HDFS keys a client reads; each lands in yarn-site.xml or (dfs.*) hdfs-site.xml. */
    private static final List<String> CLIENT_KEYS = List.of(YarnConfiguration.RM_ADDRESS,
            YarnConfiguration.RM_SCHEDULER_ADDRESS, YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS,
            YarnConfiguration.RM_ADMIN_ADDRESS, YarnConfiguration.RM_WEBAPP_ADDRESS,
            YarnConfiguration.YARN_APPLICATION_CLASSPATH, YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS,
            YarnConfiguration.LOG_AGGREGATION_ENABLED, YarnConfiguration.NM_REMOTE_APP_LOG_DIR,
            "dfs.replication", "dfs.blocksize", "dfs.bytes-per-checksum", "dfs.namenode.fs-limits.min-block-size");
    /** The racks, as a real cluster tells its clients (a TableMapping over a file), in core-site.xml. */
    private static final List<String> TOPOLOGY_KEYS = List.of(
            CommonConfigurationKeysPublic.NET_TOPOLOGY_NODE_SWITCH_MAPPING_IMPL_KEY,
            CommonConfigurationKeysPublic.NET_TOPOLOGY_TABLE_MAPPING_FILE_KEY);
    /** What a MapReduce client needs of the JobHistoryServer (read from it after start: ports are ephemeral). */
    private static final List<String> HISTORY_KEYS = List.of(JHAdminConfig.MR_HISTORY_ADDRESS,
            JHAdminConfig.MR_HISTORY_WEBAPP_ADDRESS);

    private final Configuration conf;
    private final boolean racked;
    private final boolean mapReduce;
    private final KerberosRealm realm;

    private ClientConfiguration(Configuration conf, boolean racked, boolean mapReduce, KerberosRealm realm) {
        this.conf = conf;
        this.racked = racked;
        this.mapReduce = mapReduce;
        this.realm = realm;
    }

    static ClientConfiguration of(ClusterServices services) {
        Configuration c = new YarnConfiguration();
        c.set("fs.defaultFS", services.dfsUri().toString());
        Configuration bound = services.boundConf();
        for (String key : CLIENT_KEYS) {
            String v = bound.get(key);
            if (v != null) {
                c.set(key, v);
            }
        }
        services.topology().forEach(c::set);
        if (services.realm() != null) {
            services.realm().clientSettings().forEach(c::set);
        }
        Configuration history = services.historyConf();
        if (history != null) {
            c.set("mapreduce.framework.name", "yarn");
            for (String key : HISTORY_KEYS) {
                c.set(key, history.get(key));
            }
        }
        return new ClientConfiguration(c, !services.topology().isEmpty(), history != null, services.realm());
    }

    /** A fresh copy: callers may change theirs. */
    Configuration copy() {
        return new Configuration(conf);
    }

    /**
     * Writes core-site.xml, hdfs-site.xml and yarn-site.xml into {@code dir}, and mapred-site.xml when
     * the cluster runs a JobHistoryServer; each file appears whole (written aside, then moved).
     */
    void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", conf.get("fs.defaultFS"));
        if (racked) {
            TOPOLOGY_KEYS.forEach(key -> core.set(key, conf.get(key)));
        }
        Configuration hdfs = new Configuration(false);
        Configuration yarn = new Configuration(false);
        for (String key : CLIENT_KEYS) {
            String v = conf.get(key);
            if (v != null) {
                (key.startsWith("dfs.") ? hdfs : yarn).set(key, v);
            }
        }
        if (realm != null) {
            realm.clientSettings().forEach((key, v) ->
                    (key.startsWith("dfs.") ? hdfs : key.startsWith("yarn.") ? yarn : core).set(key, v));
            Files.copy(realm.krb5Conf(), dir.resolve("krb5.conf"), StandardCopyOption.REPLACE_EXISTING);
            Path keytab = dir.resolve("user.keytab");
            Files.copy(realm.userKeytab(), keytab, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(keytab, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        write(core, dir.resolve("core-site.xml"));
        write(hdfs, dir.resolve("hdfs-site.xml"));
        write(yarn, dir.resolve("yarn-site.xml"));
        if (mapReduce) {
            Configuration mapred = new Configuration(false);
            mapred.set("mapreduce.framework.name", conf.get("mapreduce.framework.name"));
            HISTORY_KEYS.forEach(key -> mapred.set(key, conf.get(key)));
            write(mapred, dir.resolve("mapred-site.xml"));
        }
    }

    private static void write(Configuration c, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            c.writeXml(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
