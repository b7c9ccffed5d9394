package dev.spindle.bench.compare;

import dev.spindle.testcluster.EmbeddedCluster;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one embedded cluster a comparison runs on, and the client configuration directory every
 * system's processes are pointed at ({@code HADOOP_CONF_DIR}).
 *
 * <p>Thread-safe after start.
 */
public final class BenchCluster implements AutoCloseable {
    private final EmbeddedCluster cluster;
    private final Path confDir;

    private BenchCluster(EmbeddedCluster cluster, Path confDir) {
        this.cluster = cluster;
        this.confDir = confDir;
    }

    /**
     * Starts {@code nodes} nodes and writes their client configuration to {@code confDir}; with
     * {@code mapreduce}, also what Hadoop MapReduce needs: its shuffle service on every NodeManager
     * and a JobHistoryServer; with {@code profiling}, time for task JVMs to write their recordings.
     */
    public static BenchCluster start(int nodes, Path confDir, boolean mapreduce, boolean profiling) throws IOException {
        return start(nodes, confDir, mapreduce, profiling, 1);
    }

    /** As {@link #start(int, Path, boolean, boolean)}, with the seed of the cluster's random fault choices. */
    public static BenchCluster start(int nodes, Path confDir, boolean mapreduce, boolean profiling, long faultSeed)
            throws IOException {
        EmbeddedCluster.Builder b = EmbeddedCluster.builder().nodes(nodes).logRetainSeconds(600).faultSeed(faultSeed);
        if (profiling) {
            // A stopped container's JVM gets SIGTERM, then SIGKILL 250 ms later by default: too soon for
            // JFR to write its recording on the way out.
            b.set("yarn.nodemanager.sleep-delay-before-sigkill.ms", "10000");
        }
        if (mapreduce) {
            // Port 0: the NodeManagers share this JVM and the shuffle service binds every address;
            // it tells MapReduce's AM the port it got.
            b.set("yarn.nodemanager.aux-services", "mapreduce_shuffle")
                    .set("yarn.nodemanager.aux-services.mapreduce_shuffle.class", "org.apache.hadoop.mapred.ShuffleHandler")
                    .set("mapreduce.shuffle.port", "0")
                    .jobHistoryServer(true);
        }
        EmbeddedCluster c = b.start();
        try {
            c.writeClientConf(confDir);
            return new BenchCluster(c, confDir);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    public Path confDir() {
        return confDir;
    }

    public Configuration clientConf() {
        return cluster.clientConf();
    }

    public FileSystem fileSystem() throws IOException {
        return cluster.fileSystem();
    }

    public int nodes() {
        return cluster.nodes();
    }

    /** Fault injection on the cluster's processes and files, for the chaos runs. */
    public dev.spindle.testcluster.Faults faults() {
        return cluster.faults();
    }

    /** The applications that have not ended yet. */
    public java.util.List<org.apache.hadoop.yarn.api.records.ApplicationReport> unfinishedApplications()
            throws IOException {
        return cluster.unfinishedApplications();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
