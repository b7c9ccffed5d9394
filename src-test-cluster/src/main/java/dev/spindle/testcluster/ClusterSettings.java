package dev.spindle.testcluster;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an embedded cluster is asked to be, fixed once {@link EmbeddedCluster.Builder#start()} runs:
 * the services read it, nothing changes it.
 *
 * @param baseDir where every directory lives; null: a fresh temporary directory the cluster owns
 * @param extraConf keys set after the cluster's own, so they win (in insertion order)
 * @param secure Kerberos-secured HDFS and YARN with their own KDC
 * @param tokenMaxLifetimeMillis how long HDFS delegation tokens live at most (0: Hadoop's default)
 * @param dataOnlyNodes DataNodes on host identities of their own after the nodes', with no NodeManager
 */
record ClusterSettings(int nodes, int dataOnlyNodes, int racks, int nodeMemoryMb, int nodeVcores, long blockSize,
                       long logRetainSeconds, Path baseDir, Map<String, String> extraConf,
                       boolean jobHistoryServer, boolean secure, long tokenMaxLifetimeMillis) {
    ClusterSettings {
        // The builder checks each count as it is given; only the two together are checked here.
        if (dataOnlyNodes < 0) {
            throw new IllegalArgumentException("data-only nodes must not be negative, not " + dataOnlyNodes);
        }
        if (racks > nodes) {
            throw new IllegalArgumentException(racks + " racks need at least as many nodes, not " + nodes);
        }
        // A copy that keeps the order: a later set() of the same key must still win.
        extraConf = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraConf));
    }
}
