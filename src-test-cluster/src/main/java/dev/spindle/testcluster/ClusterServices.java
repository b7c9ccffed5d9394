package dev.spindle.testcluster;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.v2.hs.JobHistoryServer;
import org.apache.hadoop.mapreduce.v2.jobhistory.JHAdminConfig;
import org.apache.hadoop.net.NetUtils;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;
import org.apache.hadoop.yarn.server.resourcemanager.ResourceManager;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.capacity.CapacityScheduler;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The lifecycle of an embedded cluster's services: starts the MiniDFSCluster, the ResourceManager,
 * the NodeManagers and (on request) a JobHistoryServer under one base directory, and stops them, each
 * with a bounded wait. Nothing here knows about clients or applications.
 */
final class ClusterServices {
    static final String HOST = "127.0.0.1";
    /** Held so the level sticks: the RM's and NMs' web apps each warn of "multiple Guice injectors". */
    private static final java.util.logging.Logger GUICE_LOG = java.util.logging.Logger.getLogger("com.google.inject.servlet");

    static {
        GUICE_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final Path baseDir;
    private final boolean ownsBaseDir;
    private final long logRetainSeconds;
    private final MiniDFSCluster dfs;
    private final ResourceManager rm;
    private final List<NodeManager> nodeManagers;
    private final JobHistoryServer historyServer;
    private final Map<String, String> topology;
    private final KerberosRealm realm;

    private ClusterServices(Path baseDir, boolean ownsBaseDir, long logRetainSeconds, MiniDFSCluster dfs,
                            ResourceManager rm, List<NodeManager> nodeManagers, JobHistoryServer historyServer,
                            Map<String, String> topology, KerberosRealm realm) {
        this.realm = realm;
        this.baseDir = baseDir;
        this.ownsBaseDir = ownsBaseDir;
        this.logRetainSeconds = logRetainSeconds;
        this.dfs = dfs;
        this.rm = rm;
        // Copy-on-write: a node restarted by a fault test gets a new NodeManager in its slot.
        this.nodeManagers = new java.util.concurrent.CopyOnWriteArrayList<>(nodeManagers);
        this.historyServer = historyServer;
        this.topology = topology;
    }

    /** Starts every service, or none: what did start is stopped again when a later one fails. */
    static ClusterServices start(ClusterSettings s) throws IOException {
        boolean ownsBaseDir = s.baseDir() == null;
        Path baseDir = ownsBaseDir ? Files.createTempDirectory("spindle-cluster-") : s.baseDir().toAbsolutePath();
        MiniDFSCluster dfsCluster = null;
        ResourceManager resourceManager = null;
        List<NodeManager> nms = new ArrayList<>();
        JobHistoryServer jhs = null;
        KerberosRealm realm = null;
        try {
            Configuration hdfsConf = new Configuration();
            if (s.secure()) {
                realm = KerberosRealm.start(baseDir.resolve("kdc"));
                realm.serviceSettings(s.tokenMaxLifetimeMillis()).forEach(hdfsConf::set);
                realm.installIn(hdfsConf);
            }
            hdfsConf.set("hadoop.tmp.dir", baseDir.resolve("tmp").toString());
            hdfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.resolve("hdfs").toString());
            int dataNodes = s.nodes() + s.dataOnlyNodes();
            hdfsConf.setInt("dfs.replication", Math.min(3, dataNodes));
            if (s.blockSize() > 0) {
                hdfsConf.setLong("dfs.blocksize", s.blockSize());
                hdfsConf.setLong("dfs.namenode.fs-limits.min-block-size", Math.min(s.blockSize(), 1024 * 1024));
                hdfsConf.setInt("dfs.bytes-per-checksum", 512);
            }
            String[] hosts = new String[dataNodes];
            String[] rackOfHost = new String[dataNodes];
            for (int i = 0; i < dataNodes; i++) {
                hosts[i] = hostOf(i);
                rackOfHost[i] = RackTopology.rackOf(i, s.racks());
            }
            Map<String, String> topology = s.racks() == 0 ? Map.of()
                    : RackTopology.settings(hosts, rackOfHost, baseDir.resolve("topology.table"));
            RackTopology.forgetEarlierClusters();
            // MiniDFSCluster always resolves racks through its StaticMapping; it is given the same racks
            // as the topology table that YARN and clients read.
            dfsCluster = new MiniDFSCluster.Builder(hdfsConf).numDataNodes(dataNodes).hosts(hosts)
                    .racks(s.racks() > 0 ? rackOfHost : null).checkDataNodeHostConfig(true).build();
            // MiniDFSCluster makes each DataNode host name resolve to localhost in this JVM; the
            // NodeManagers must bind, and be reached, at their own addresses.
            for (String host : hosts) {
                NetUtils.addStaticResolution(host, host);
            }
            dfsCluster.waitActive();

            YarnConfiguration yarn = new YarnConfiguration(hdfsConf);
            yarn.set("fs.defaultFS", dfsCluster.getURI().toString());
            configureYarn(yarn, s);
            topology.forEach(yarn::set);
            s.extraConf().forEach(yarn::set);
            resourceManager = new ResourceManager();
            resourceManager.init(yarn);
            resourceManager.start();
            // The RM wrote the ports it bound back into its configuration.
            Configuration bound = resourceManager.getConfig();
            for (int i = 0; i < s.nodes(); i++) {
                nms.add(startNodeManager(bound, baseDir, i));
            }
            waitForNodes(resourceManager, s.nodes(), 60_000);
            if (s.jobHistoryServer()) {
                jhs = startHistoryServer(bound);
            }
            return new ClusterServices(baseDir, ownsBaseDir, s.logRetainSeconds(), dfsCluster, resourceManager, nms,
                    jhs, topology, realm);
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (jhs != null) {
                jhs.stop();
            }
            BoundedStop.stopAll(nms, resourceManager, dfsCluster);
            if (realm != null) {
                realm.close();
            }
            if (ownsBaseDir) {
                FileUtil.fullyDelete(baseDir.toFile());
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof IOException io ? io : new IOException("embedded cluster failed to start: " + e, e);
        }
    }

    private static NodeManager startNodeManager(Configuration bound, Path baseDir, int i) throws IOException {
        YarnConfiguration nmConf = new YarnConfiguration(bound);
        nmConf.set(YarnConfiguration.NM_LOCAL_DIRS, mkdir(baseDir.resolve("nm-" + i).resolve("local")));
        nmConf.set(YarnConfiguration.NM_LOG_DIRS, mkdir(logDir(baseDir, i)));
        String host = hostOf(i);
        nmConf.set(YarnConfiguration.NM_ADDRESS, host + ":0");
        nmConf.set(YarnConfiguration.NM_BIND_HOST, host);
        nmConf.set(YarnConfiguration.NM_LOCALIZER_ADDRESS, host + ":0");
        nmConf.set(YarnConfiguration.NM_WEBAPP_ADDRESS, host + ":0");
        NodeManager nm = new NodeManager();
        nm.init(nmConf);
        nm.start();
        return nm;
    }

    private static void configureYarn(YarnConfiguration yarn, ClusterSettings s) {
        for (String key : new String[]{YarnConfiguration.RM_ADDRESS, YarnConfiguration.RM_SCHEDULER_ADDRESS,
                YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS, YarnConfiguration.RM_ADMIN_ADDRESS}) {
            yarn.set(key, HOST + ":0");
        }
        // The ResourceManager builds applications' tracking URLs (its web proxy's) from the configured
        // address, not the bound one: a port of 0 would give every application http://host:0/proxy/...
        yarn.set(YarnConfiguration.RM_WEBAPP_ADDRESS, HOST + ":" + freePort());
        yarn.set(YarnConfiguration.RM_SCHEDULER, CapacityScheduler.class.getName());
        // The minicluster jar has no capacity-scheduler.xml: one queue with everything.
        yarn.set("yarn.scheduler.capacity.root.queues", "default");
        yarn.set("yarn.scheduler.capacity.root.default.capacity", "100");
        yarn.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
        yarn.set("yarn.scheduler.capacity.maximum-am-resource-percent", "0.5");
        yarn.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
        yarn.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, s.nodeMemoryMb());
        yarn.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_VCORES, s.nodeVcores());
        yarn.setInt(YarnConfiguration.NM_PMEM_MB, s.nodeMemoryMb());
        yarn.setInt(YarnConfiguration.NM_VCORES, s.nodeVcores());
        // Allocation happens on node heartbeats: frequent ones make containers arrive sooner.
        yarn.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 100);
        yarn.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, s.logRetainSeconds());
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
    private static JobHistoryServer startHistoryServer(Configuration bound) {
        Configuration conf = new YarnConfiguration(bound);
        conf.set(JHAdminConfig.MR_HISTORY_ADDRESS, HOST + ":0");
        conf.set(JHAdminConfig.JHS_ADMIN_ADDRESS, HOST + ":0");
        conf.set(JHAdminConfig.MR_HISTORY_WEBAPP_ADDRESS, HOST + ":0");
        JobHistoryServer jhs = new JobHistoryServer();
        jhs.init(conf);
        jhs.start();
        return jhs;
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

    /** The host identity of node {@code i}. */
    static String hostOf(int node) {
        // From .2: 127.0.0.1 reverse-resolves to "localhost", which would make the two sides disagree.
        return "127.0.0." + (node + 2);
    }

    /** A port free now on {@link #HOST}; another process could take it before the ResourceManager binds it. */
    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /** Where NodeManager {@code i} keeps container logs: {@code <app id>/<container id>/<file>}. */
    static Path logDir(Path baseDir, int node) {
        return baseDir.resolve("nm-" + node).resolve("logs");
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

    Path baseDir() {
        return baseDir;
    }

    int nodes() {
        return nodeManagers.size();
    }

    URI dfsUri() {
        return dfs.getURI();
    }

    /** The ResourceManager's configuration, with the ports it bound. */
    Configuration boundConf() {
        return rm.getConfig();
    }

    /** The JobHistoryServer's configuration with the ports it bound; null when it does not run. */
    Configuration historyConf() {
        return historyServer == null ? null : historyServer.getConfig();
    }

    /** The cluster's Kerberos realm; null unless it is secure. */
    KerberosRealm realm() {
        return realm;
    }

    /** The {@code net.topology.*} keys of a racked cluster; empty without racks. */
    Map<String, String> topology() {
        return topology;
    }

    /**
     * Stops NodeManager {@code i} as a failing node would leave: it kills its containers, removes the
     * applications' local files (map outputs with them) and tells the ResourceManager it is gone.
     * Bounded; returns whether it stopped in time.
     */
    boolean stopNodeManager(int i) {
        NodeManager nm = nodeManagers.get(i);
        Thread stopper = new Thread(nm::stop, "embedded-cluster-stop-nm-" + i);
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return nm.isInState(org.apache.hadoop.service.Service.STATE.STOPPED);
    }

    /**
     * Starts NodeManager {@code i} again after {@link #stopNodeManager}, on the same host and local
     * dirs (a new port, as a restarted NodeManager without recovery gets), and waits until the
     * ResourceManager counts every node again.
     */
    synchronized void restartNodeManager(int i) throws IOException, InterruptedException {
        if (!nodeManagers.get(i).isInState(org.apache.hadoop.service.Service.STATE.STOPPED)) {
            throw new IllegalStateException("NodeManager " + i + " is running: stop it first");
        }
        nodeManagers.set(i, startNodeManager(rm.getConfig(), baseDir, i));
        waitForNodes(rm, nodeManagers.size(), 60_000);
    }

    /** Stops everything, waiting a bounded time: a NodeManager's stop otherwise waits on its applications. */
    void stop() {
        // Worth waiting only when the NodeManagers are about to forget their finished applications.
        if (logRetainSeconds <= 10) {
            awaitNodeManagersIdle(TimeUnit.SECONDS.toMillis(logRetainSeconds) + 5_000);
        }
        if (historyServer != null) {
            historyServer.stop();
        }
        BoundedStop.stopAll(nodeManagers, rm, dfs);
        if (realm != null) {
            realm.close();
        }
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
            boolean idle = nodeManagers.stream().allMatch(nm -> !nm.isInState(org.apache.hadoop.service.Service.STATE.STARTED)
                    || nm.getNMContext().getApplications().isEmpty());
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
