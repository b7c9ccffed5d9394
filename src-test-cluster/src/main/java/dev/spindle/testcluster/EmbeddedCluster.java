package dev.spindle.testcluster;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real YARN + HDFS cluster in this JVM: a MiniDFSCluster, a ResourceManager and N NodeManagers
 * that launch real container processes. Node {@code i} is a DataNode and a NodeManager with their own
 * host identity, the loopback address {@code 127.0.0.(i+2)}, used as host name by both, so HDFS block
 * locations and YARN node ids name the same hosts and locality means something on one machine. Every
 * directory lives under one base directory (a fresh temporary one by default), never under the
 * current directory, and ports are ephemeral, so several clusters can run side by side.
 *
 * <p>The front of the parts that do the work: {@link ClusterServices} (start and stop),
 * {@link ClientConfiguration} (what clients get) and {@link ClusterApplications} (applications and
 * their container logs). Thread-safe after {@link Builder#start()}; {@link #close()} is idempotent and
 * bounded.
 */
public final class EmbeddedCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);

    private final ClusterSettings settings;
    private final ClusterServices services;
    private final ClientConfiguration clientConf;
    private final ClusterApplications applications;
    private final ContainerProcesses processes;
    private final Faults faults;
    private volatile boolean closed;

    /** Options of a cluster; {@link #start()} builds it. */
    public static final class Builder {
        private int nodes = 1;
        private int dataOnlyNodes;
        private int racks = 0;
        private int nodeMemoryMb = 8192;
        private int nodeVcores = 8;
        private long blockSize = 0;
        private long logRetainSeconds = 10;
        private Path baseDir;
        private final Map<String, String> extraConf = new LinkedHashMap<>();
        private boolean jobHistoryServer;
        private long faultSeed = 1;
        private boolean secure;
        private long tokenMaxLifetimeMillis;

        private Builder() {
        }

        public Builder nodes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node, not " + n);
            }
            this.nodes = n;
            return this;
        }

        /**
         * Also runs {@code n} DataNodes with no NodeManager, on the host identities after the nodes'
         * ({@link #hostOf}{@code (nodes)} on), in the racks the rack rule gives them: blocks on hosts YARN
         * does not know, as on clusters where some DataNodes run no NodeManager or HDFS and YARN name
         * hosts differently. 0 by default.
         */
        public Builder dataOnlyNodes(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("data-only nodes must not be negative, not " + n);
            }
            this.dataOnlyNodes = n;
            return this;
        }

        /**
         * Spreads the nodes over {@code n} racks (node i in {@code /rack-(i mod n + 1)}), told to HDFS,
         * YARN and clients through Hadoop's topology settings; 0 (the default) leaves every node in
         * {@code /default-rack}.
         */
        public Builder racks(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("racks must not be negative, not " + n);
            }
            this.racks = n;
            return this;
        }

        public Builder nodeMemoryMb(int mb) {
            this.nodeMemoryMb = mb;
            return this;
        }

        public Builder nodeVcores(int vcores) {
            this.nodeVcores = vcores;
            return this;
        }

        /** HDFS block size in bytes (0 keeps Hadoop's default); small values give multi-block inputs. */
        public Builder blockSize(long bytes) {
            this.blockSize = bytes;
            return this;
        }

        /**
         * How long NodeManagers keep a finished application's container logs. A NodeManager tracks
         * the application until then, and {@link #close()} waits (bounded) for that.
         */
        public Builder logRetainSeconds(long seconds) {
            this.logRetainSeconds = seconds;
            return this;
        }

        /**
         * Has the NodeManagers upload each finished application's container logs to HDFS (YARN's log
         * aggregation, as real clusters do), where {@code yarn logs} and {@code spindle-submit --logs} read
         * them; the NodeManagers then delete their own copies, so {@link #containerLogFiles} sees them only
         * while the application runs. Off by default.
         */
        public Builder logAggregation(boolean on) {
            extraConf.put(org.apache.hadoop.yarn.conf.YarnConfiguration.LOG_AGGREGATION_ENABLED, Boolean.toString(on));
            return this;
        }

        public Builder baseDir(Path dir) {
            this.baseDir = dir;
            return this;
        }

        /**
         * Sets a key in the configuration the ResourceManager and the NodeManagers start with, after
         * the cluster's own settings (so it wins); e.g. the NodeManagers' auxiliary services.
         */
        public Builder set(String key, String value) {
            extraConf.put(key, value);
            return this;
        }

        /**
         * Also runs a MapReduce JobHistoryServer, and makes the client configuration a MapReduce
         * one: mapred-site.xml with {@code mapreduce.framework.name=yarn} and the server's addresses.
         * The NodeManagers need the {@code mapreduce_shuffle} auxiliary service as well: see {@link #set}.
         */
        public Builder jobHistoryServer(boolean on) {
            this.jobHistoryServer = on;
            return this;
        }

        /** The seed of {@link Faults}' random choices (which executor, which file), so a run can be repeated. */
        public Builder faultSeed(long seed) {
            this.faultSeed = seed;
            return this;
        }

        /**
         * Secures the cluster with Kerberos: a MiniKdc, HDFS and YARN that accept only Kerberos or
         * delegation tokens, and a principal for the user ({@link #userPrincipal()}, whose keytab and
         * the realm's krb5.conf {@link #writeClientConf} writes next to the client configuration).
         * The KDC's krb5.conf becomes this JVM's: one secure cluster per JVM.
         */
        public Builder secure(boolean on) {
            this.secure = on;
            return this;
        }

        /** With {@link #secure}: HDFS delegation tokens expire after this, so tests can outlive one. */
        public Builder delegationTokenMaxLifetimeMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("a token lifetime must not be negative, not " + millis);
            }
            this.tokenMaxLifetimeMillis = millis;
            return this;
        }

        public EmbeddedCluster start() throws IOException {
            return new EmbeddedCluster(new ClusterSettings(nodes, dataOnlyNodes, racks, nodeMemoryMb, nodeVcores, blockSize,
                    logRetainSeconds, baseDir, extraConf, jobHistoryServer, secure, tokenMaxLifetimeMillis), faultSeed);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private EmbeddedCluster(ClusterSettings settings, long faultSeed) throws IOException {
        this.settings = settings;
        this.services = ClusterServices.start(settings);
        this.clientConf = ClientConfiguration.of(services);
        this.applications = new ClusterApplications(clientConf::copy, services.baseDir(), services.nodes());
        this.processes = new ContainerProcesses(services.baseDir(), services.nodes());
        this.faults = new Faults(processes, services.baseDir(), services.nodes(), faultSeed, services::stopNodeManager,
                applications::logFiles);
        LOG.info("Embedded cluster up: {} nodes, HDFS at {}, ResourceManager at {}", settings.nodes(),
                services.dfsUri(), clientConf.copy().get(YarnConfiguration.RM_ADDRESS));
    }

    /**
     * What containers get as the cluster's Hadoop classpath: the jars this JVM runs the cluster with,
     * minus Spindle's own (which applications stage themselves), as a Hadoop install's would be.
     */
    static List<String> hadoopClasspath() {
        return ClusterServices.hadoopClasspath();
    }

    /** The rack of node {@code i} in this cluster: {@code /default-rack} when it has no racks. */
    public String rackOf(int node) {
        return RackTopology.rackOf(node, settings.racks());
    }

    /** The host identity of node {@code i}. */
    public static String hostOf(int node) {
        return ClusterServices.hostOf(node);
    }

    /** A fresh copy of the configuration clients use to reach this cluster (test-only keys left out). */
    public Configuration clientConf() {
        return clientConf.copy();
    }

    public FileSystem fileSystem() throws IOException {
        return FileSystem.get(services.dfsUri(), clientConf());
    }

    /** Whether the cluster is Kerberos-secured ({@link Builder#secure}). */
    public boolean secure() {
        return services.realm() != null;
    }

    /** The user's Kerberos principal on a secure cluster; its keytab is {@link #userKeytab()}. */
    public String userPrincipal() {
        return requireRealm().userPrincipal();
    }

    public Path userKeytab() {
        return requireRealm().userKeytab();
    }

    /** The krb5.conf of the cluster's KDC. */
    public Path krb5Conf() {
        return requireRealm().krb5Conf();
    }

    private KerberosRealm requireRealm() {
        if (services.realm() == null) {
            throw new IllegalStateException("the cluster is not secure: build it with secure(true)");
        }
        return services.realm();
    }

    public int nodes() {
        return services.nodes();
    }

    public Path baseDir() {
        return services.baseDir();
    }

    /**
     * Writes core-site.xml, hdfs-site.xml and yarn-site.xml for clients into {@code dir}, and
     * mapred-site.xml when the cluster runs a JobHistoryServer; on a secure cluster also krb5.conf
     * and the user's keytab, {@code user.keytab} (readable by its owner only).
     */
    public void writeClientConf(Path dir) throws IOException {
        clientConf.writeTo(dir);
    }

    /** The text of one log file ({@code stdout}, {@code stderr}) of every container of an application. */
    public List<String> containerLogs(ApplicationId app, String file) throws IOException {
        return applications.logs(app, file);
    }

    /**
     * Every log file (stdout, stderr, syslog, …) the containers of {@code app} wrote on any
     * NodeManager, while the NodeManagers keep them.
     */
    public List<Path> containerLogFiles(ApplicationId app) throws IOException {
        return applications.logFiles(app);
    }

    /**
     * The JVMs running the containers of {@code app} on this machine now, by container id, found
     * through the containers' working directories: for fault tests that kill real processes by pid.
     */
    public java.util.Map<org.apache.hadoop.yarn.api.records.ContainerId, Long> containerJvms(ApplicationId app) {
        return processes.jvms(app);
    }

    /** kill -9 of the JVM running {@code container} (an executor or an ApplicationMaster); returns its pid. */
    public long killContainerJvm(org.apache.hadoop.yarn.api.records.ContainerId container) {
        return processes.killJvm(container);
    }

    /** Fault injection on this cluster's real processes and files: kill executors or an AM, damage map outputs. */
    public Faults faults() {
        return faults;
    }

    /**
     * Starts the NodeManager of node {@code node} again after {@code faults().stopNodeManagerOf(...)}
     * stopped it, and returns once the ResourceManager counts it among its nodes again.
     */
    public void restartNodeManager(int node) throws IOException, InterruptedException {
        services.restartNodeManager(node);
    }

    /** Every application the ResourceManager knows of, in any state. */
    public List<ApplicationReport> applications() throws IOException {
        return applications.all();
    }

    /** The applications that have not reached a final state (FINISHED, FAILED or KILLED). */
    public List<ApplicationReport> unfinishedApplications() throws IOException {
        return applications.unfinished();
    }

    /** Kills these applications, returning once the ResourceManager has them killed. */
    public void killApplications(List<ApplicationId> apps) throws IOException {
        applications.kill(apps);
    }

    /** Kills every application that has not finished; tests call it between cases. */
    public void killRunningApplications() {
        try {
            applications.killUnfinished();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot clean up applications: " + e, e);
        }
    }

    /** Stops everything, waiting a bounded time: a NodeManager's stop otherwise waits on its applications. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        services.stop();
    }
}
