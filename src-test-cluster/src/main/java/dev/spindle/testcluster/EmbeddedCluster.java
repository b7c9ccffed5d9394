package dev.spindle.testcluster;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.v2.hs.JobHistoryServer;
import org.apache.hadoop.mapreduce.v2.jobhistory.JHAdminConfig;
import org.apache.hadoop.net.NetUtils;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;
import org.apache.hadoop.yarn.server.resourcemanager.ResourceManager;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.capacity.CapacityScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real YARN + HDFS cluster in this JVM: a MiniDFSCluster, a ResourceManager and N NodeManagers
 * that launch real container processes. Node {@code i} is a DataNode and a NodeManager with their own
 * host identity, the loopback address {@code 127.0.0.(i+2)}, used as host name by both, so HDFS block
 * locations and YARN node ids name the same hosts and locality means something on one machine. Every directory lives under one base directory (a fresh
 * temporary one by default), never under the current directory, and ports are ephemeral, so
 * several clusters can run side by side.
 *
 * <p>Thread-safe after {@link Builder#start()}; {@link #close()} is idempotent and bounded.
 */
public final class EmbeddedCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);
    private static final String HOST = "127.0.0.1";
    /** Held so the level sticks: the RM's and NMs' web apps each warn of "multiple Guice injectors". */
    private static final java.util.logging.Logger GUICE_LOG = java.util.logging.Logger.getLogger("com.google.inject.servlet");

    static {
        GUICE_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final Path baseDir;
    private final boolean ownsBaseDir;
    private final MiniDFSCluster dfs;
    private final ResourceManager rm;
    private final List<NodeManager> nodeManagers;
    private final JobHistoryServer historyServer;
    private final Configuration clientConf;
    private final long logRetainSeconds;
    private final int racks;
    private volatile boolean closed;

    /** Options of a cluster; {@link #start()} builds it. */
    public static final class Builder {
        private int nodes = 1;
        private int racks = 0;
        private int nodeMemoryMb = 8192;
        private int nodeVcores = 8;
        private long blockSize = 0;
        private long logRetainSeconds = 10;
        private Path baseDir;
        private final Map<String, String> extraConf = new LinkedHashMap<>();
        private boolean jobHistoryServer;

        public Builder nodes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node, not " + n);
            }
            this.nodes = n;
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

        public EmbeddedCluster start() throws IOException {
            if (racks > nodes) {
                throw new IllegalArgumentException(racks + " racks need at least as many nodes, not " + nodes);
            }
            return new EmbeddedCluster(this);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private EmbeddedCluster(Builder b) throws IOException {
        this.ownsBaseDir = b.baseDir == null;
        this.logRetainSeconds = b.logRetainSeconds;
        this.racks = b.racks;
        this.baseDir = ownsBaseDir ? Files.createTempDirectory("spindle-cluster-") : b.baseDir.toAbsolutePath();
        MiniDFSCluster dfsCluster = null;
        ResourceManager resourceManager = null;
        List<NodeManager> nms = new ArrayList<>();
        JobHistoryServer jhs = null;
        try {
            Configuration hdfsConf = new Configuration();
            hdfsConf.set("hadoop.tmp.dir", baseDir.resolve("tmp").toString());
            hdfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.resolve("hdfs").toString());
            hdfsConf.setInt("dfs.replication", Math.min(3, b.nodes));
            if (b.blockSize > 0) {
                hdfsConf.setLong("dfs.blocksize", b.blockSize);
                hdfsConf.setLong("dfs.namenode.fs-limits.min-block-size", Math.min(b.blockSize, 1024 * 1024));
                hdfsConf.setInt("dfs.bytes-per-checksum", 512);
            }
            String[] hosts = new String[b.nodes];
            String[] rackOfHost = new String[b.nodes];
            for (int i = 0; i < b.nodes; i++) {
                hosts[i] = hostOf(i);
                rackOfHost[i] = rackOf(i);
            }
            Map<String, String> topology = racks == 0 ? Map.of()
                    : RackTopology.settings(hosts, rackOfHost, baseDir.resolve("topology.table"));
            RackTopology.forgetEarlierClusters();
            // MiniDFSCluster always resolves racks through its StaticMapping; it is given the same racks
            // as the topology table that YARN and clients read.
            dfsCluster = new MiniDFSCluster.Builder(hdfsConf).numDataNodes(b.nodes).hosts(hosts)
                    .racks(racks > 0 ? rackOfHost : null).checkDataNodeHostConfig(true).build();
            // MiniDFSCluster makes each DataNode host name resolve to localhost in this JVM; the
            // NodeManagers must bind, and be reached, at their own addresses.
            for (String host : hosts) {
                NetUtils.addStaticResolution(host, host);
            }
            dfsCluster.waitActive();

            YarnConfiguration yarn = new YarnConfiguration(hdfsConf);
            yarn.set("fs.defaultFS", dfsCluster.getURI().toString());
            configureYarn(yarn, b);
            topology.forEach(yarn::set);
            b.extraConf.forEach(yarn::set);
            resourceManager = new ResourceManager();
            resourceManager.init(yarn);
            resourceManager.start();
            // The RM wrote the ports it bound back into its configuration.
            Configuration bound = resourceManager.getConfig();
            for (int i = 0; i < b.nodes; i++) {
                YarnConfiguration nmConf = new YarnConfiguration(bound);
                Path nmDir = baseDir.resolve("nm-" + i);
                nmConf.set(YarnConfiguration.NM_LOCAL_DIRS, mkdir(nmDir.resolve("local")));
                nmConf.set(YarnConfiguration.NM_LOG_DIRS, mkdir(nmDir.resolve("logs")));
                String host = hostOf(i);
                nmConf.set(YarnConfiguration.NM_ADDRESS, host + ":0");
                nmConf.set(YarnConfiguration.NM_BIND_HOST, host);
                nmConf.set(YarnConfiguration.NM_LOCALIZER_ADDRESS, host + ":0");
                nmConf.set(YarnConfiguration.NM_WEBAPP_ADDRESS, host + ":0");
                NodeManager nm = new NodeManager();
                nm.init(nmConf);
                nm.start();
                nms.add(nm);
            }
            waitForNodes(resourceManager, b.nodes, 60_000);
            Configuration client = clientConfiguration(bound, dfsCluster);
            topology.forEach(client::set);
            if (b.jobHistoryServer) {
                jhs = startHistoryServer(bound);
                Configuration jhsBound = jhs.getConfig();
                client.set("mapreduce.framework.name", "yarn");
                for (String key : historyKeys()) {
                    client.set(key, jhsBound.get(key));
                }
            }
            this.clientConf = client;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (jhs != null) {
                jhs.stop();
            }
            BoundedStop.stopAll(nms, resourceManager, dfsCluster);
            if (ownsBaseDir) {
                FileUtil.fullyDelete(baseDir.toFile());
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof IOException io ? io : new IOException("embedded cluster failed to start: " + e, e);
        }
        this.dfs = dfsCluster;
        this.rm = resourceManager;
        this.nodeManagers = List.copyOf(nms);
        this.historyServer = jhs;
        LOG.info("Embedded cluster up: {} nodes, HDFS at {}, ResourceManager at {}", b.nodes, dfs.getURI(),
                clientConf.get(YarnConfiguration.RM_ADDRESS));
    }

    private void configureYarn(YarnConfiguration yarn, Builder b) {
        for (String key : new String[]{YarnConfiguration.RM_ADDRESS, YarnConfiguration.RM_SCHEDULER_ADDRESS,
                YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS, YarnConfiguration.RM_ADMIN_ADDRESS,
                YarnConfiguration.RM_WEBAPP_ADDRESS}) {
            yarn.set(key, HOST + ":0");
        }
        yarn.set(YarnConfiguration.RM_SCHEDULER, CapacityScheduler.class.getName());
        // The minicluster jar has no capacity-scheduler.xml: one queue with everything.
        yarn.set("yarn.scheduler.capacity.root.queues", "default");
        yarn.set("yarn.scheduler.capacity.root.default.capacity", "100");
        yarn.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
        yarn.set("yarn.scheduler.capacity.maximum-am-resource-percent", "0.5");
        yarn.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
        yarn.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, b.nodeMemoryMb);
        yarn.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_VCORES, b.nodeVcores);
        yarn.setInt(YarnConfiguration.NM_PMEM_MB, b.nodeMemoryMb);
        yarn.setInt(YarnConfiguration.NM_VCORES, b.nodeVcores);
        // Allocation happens on node heartbeats: frequent ones make containers arrive sooner.
        yarn.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 100);
        yarn.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, b.logRetainSeconds);
        yarn.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        yarn.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        yarn.setBoolean(YarnConfiguration.NM_DISK_HEALTH_CHECK_ENABLE, false);
        yarn.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100f);
        yarn.set(YarnConfiguration.NM_ADMIN_USER_ENV, "JAVA_HOME=" + System.getProperty("java.home"));
        yarn.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, String.join(",", hadoopClasspath()));
        yarn.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS, 10_000);
    }

    /**
     * A JobHistoryServer on this host at ephemeral ports, its done directories in HDFS at their
     * defaults, which MapReduce application masters derive the same way.
     */
    private JobHistoryServer startHistoryServer(Configuration bound) {
        Configuration conf = new YarnConfiguration(bound);
        conf.set(JHAdminConfig.MR_HISTORY_ADDRESS, HOST + ":0");
        conf.set(JHAdminConfig.JHS_ADMIN_ADDRESS, HOST + ":0");
        conf.set(JHAdminConfig.MR_HISTORY_WEBAPP_ADDRESS, HOST + ":0");
        JobHistoryServer jhs = new JobHistoryServer();
        jhs.init(conf);
        jhs.start();
        return jhs;
    }

    /** What a MapReduce client needs of the JobHistoryServer (read from it after start: ports are ephemeral). */
    private static List<String> historyKeys() {
        return List.of(JHAdminConfig.MR_HISTORY_ADDRESS, JHAdminConfig.MR_HISTORY_WEBAPP_ADDRESS);
    }

    /**
     * What containers get as the cluster's Hadoop classpath: the jars this JVM runs the cluster with,
     * minus Spindle's own (which applications stage themselves), as a Hadoop install's would be.
     */
    static List<String> hadoopClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> out = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            File f = new File(entry);
            String name = f.getName();
            if (f.isFile() && name.endsWith(".jar") && !name.startsWith("spindle-") && !name.startsWith("surefire")) {
                out.add(f.getAbsolutePath());
            }
        }
        return out;
    }

    private static Configuration clientConfiguration(Configuration bound, MiniDFSCluster dfs) {
        Configuration c = new YarnConfiguration();
        c.set("fs.defaultFS", dfs.getURI().toString());
        for (String key : clientKeys()) {
            String v = bound.get(key);
            if (v != null) {
                c.set(key, v);
            }
        }
        return c;
    }

    private static List<String> clientKeys() {
        return List.of(YarnConfiguration.RM_ADDRESS, YarnConfiguration.RM_SCHEDULER_ADDRESS,
                YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS, YarnConfiguration.RM_ADMIN_ADDRESS,
                YarnConfiguration.RM_WEBAPP_ADDRESS, YarnConfiguration.YARN_APPLICATION_CLASSPATH,
                YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS, "dfs.replication", "dfs.blocksize",
                "dfs.bytes-per-checksum", "dfs.namenode.fs-limits.min-block-size");
    }

    /** The rack of node {@code i} in this cluster: {@code /default-rack} when it has no racks. */
    public String rackOf(int node) {
        return RackTopology.rackOf(node, racks);
    }

    /** The host identity of node {@code i}. */
    public static String hostOf(int node) {
        // From .2: 127.0.0.1 reverse-resolves to "localhost", which would make the two sides disagree.
        return "127.0.0." + (node + 2);
    }

    private static String mkdir(Path p) throws IOException {
        Files.createDirectories(p);
        return p.toString();
    }

    private static void waitForNodes(ResourceManager rm, int nodes, long timeoutMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (rm.getResourceScheduler().getNumClusterNodes() < nodes) {
            if (System.nanoTime() > deadline) {
                throw new IOException("only " + rm.getResourceScheduler().getNumClusterNodes() + " of " + nodes
                        + " NodeManagers registered within " + timeoutMillis + " ms");
            }
            Thread.sleep(50);
        }
    }

    /** A fresh copy of the configuration clients use to reach this cluster (test-only keys left out). */
    public Configuration clientConf() {
        return new Configuration(clientConf);
    }

    public FileSystem fileSystem() throws IOException {
        return FileSystem.get(dfs.getURI(), clientConf());
    }

    public int nodes() {
        return nodeManagers.size();
    }

    public Path baseDir() {
        return baseDir;
    }

    /**
     * Writes core-site.xml, hdfs-site.xml and yarn-site.xml for clients into {@code dir}, and
     * mapred-site.xml when the cluster runs a JobHistoryServer.
     */
    public void writeClientConf(Path dir) throws IOException {
        Files.createDirectories(dir);
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", clientConf.get("fs.defaultFS"));
        if (racks > 0) {
            for (String key : List.of(CommonConfigurationKeysPublic.NET_TOPOLOGY_NODE_SWITCH_MAPPING_IMPL_KEY,
                    CommonConfigurationKeysPublic.NET_TOPOLOGY_TABLE_MAPPING_FILE_KEY)) {
                core.set(key, clientConf.get(key));
            }
        }
        Configuration hdfs = new Configuration(false);
        Configuration yarn = new Configuration(false);
        for (String key : clientKeys()) {
            String v = clientConf.get(key);
            if (v == null) {
                continue;
            }
            (key.startsWith("dfs.") ? hdfs : yarn).set(key, v);
        }
        write(core, dir.resolve("core-site.xml"));
        write(hdfs, dir.resolve("hdfs-site.xml"));
        write(yarn, dir.resolve("yarn-site.xml"));
        if (historyServer != null) {
            Configuration mapred = new Configuration(false);
            mapred.set("mapreduce.framework.name", clientConf.get("mapreduce.framework.name"));
            for (String key : historyKeys()) {
                mapred.set(key, clientConf.get(key));
            }
            write(mapred, dir.resolve("mapred-site.xml"));
        }
    }

    private static void write(Configuration c, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            c.writeXml(out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The text of one log file ({@code stdout}, {@code stderr}) of every container of an application. */
    public List<String> containerLogs(ApplicationId app, String file) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodeManagers.size(); i++) {
            Path appDir = baseDir.resolve("nm-" + i).resolve("logs").resolve(app.toString());
            if (!Files.isDirectory(appDir)) {
                continue;
            }
            try (var containers = Files.list(appDir)) {
                for (Path c : containers.sorted().toList()) {
                    Path f = c.resolve(file);
                    if (Files.isRegularFile(f)) {
                        out.add(Files.readString(f));
                    }
                }
            }
        }
        return out;
    }

    /** Kills every application that has not finished; tests call it between cases. */
    public void killRunningApplications() {
        try (YarnClient yc = YarnClient.createYarnClient()) {
            yc.init(clientConf());
            yc.start();
            for (ApplicationReport r : yc.getApplications(EnumSet.of(YarnApplicationState.NEW,
                    YarnApplicationState.NEW_SAVING, YarnApplicationState.SUBMITTED, YarnApplicationState.ACCEPTED,
                    YarnApplicationState.RUNNING))) {
                LOG.warn("Killing leftover application {}", r.getApplicationId());
                yc.killApplication(r.getApplicationId());
            }
        } catch (Exception e) {
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
        // Worth waiting only when the NodeManagers are about to forget their finished applications.
        if (logRetainSeconds <= 10) {
            awaitNodeManagersIdle(TimeUnit.SECONDS.toMillis(logRetainSeconds) + 5_000);
        }
        if (historyServer != null) {
            historyServer.stop();
        }
        BoundedStop.stopAll(nodeManagers, rm, dfs);
        if (ownsBaseDir) {
            FileUtil.fullyDelete(baseDir.toFile());
        }
    }

    /**
     * A NodeManager's stop waits for the applications it still tracks, and it forgets a finished
     * one only after the ResourceManager says so on a heartbeat: wait for that first, bounded.
     */
    private void awaitNodeManagersIdle(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            boolean idle = nodeManagers.stream().allMatch(nm -> nm.getNMContext().getApplications().isEmpty());
            if (idle) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
