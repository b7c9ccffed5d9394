package dev.spindle.testcluster;

import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.net.NetworkTopology;
import org.apache.hadoop.net.StaticMapping;
import org.apache.hadoop.net.TableMapping;
import org.apache.hadoop.yarn.util.RackResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The racks of an embedded cluster, told to YARN and clients as a real cluster's are. Stateless. */
final class RackTopology {
    private RackTopology() {
    }

    /** Node {@code i} of a cluster with {@code racks} racks is in {@code /rack-(i mod racks + 1)}. */
    static String rackOf(int node, int racks) {
        return racks == 0 ? NetworkTopology.DEFAULT_RACK : "/rack-" + (node % racks + 1);
    }

    /**
     * Hadoop's table-based topology ({@code net.topology.*}: a TableMapping over a "host rack" file,
     * written to {@code file}).
     */
    static Map<String, String> settings(String[] hosts, String[] rackOfHost, Path file) throws IOException {
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            table.append(hosts[i]).append(' ').append(rackOfHost[i]).append('\n');
        }
        Files.writeString(file, table);
        return Map.of(CommonConfigurationKeysPublic.NET_TOPOLOGY_NODE_SWITCH_MAPPING_IMPL_KEY, TableMapping.class.getName(),
                CommonConfigurationKeysPublic.NET_TOPOLOGY_TABLE_MAPPING_FILE_KEY, file.toString());
    }

    /**
     * HDFS's (MiniDFSCluster's StaticMapping) and YARN's (RackResolver) rack tables are static in a
     * JVM and outlive a cluster: a later cluster in the same JVM (the next test class) must not see
     * the racks of an earlier one. RackResolver's reset is package-private (it exists for Hadoop's
     * own tests), so it is reached reflectively.
     */
    static void forgetEarlierClusters() {
        StaticMapping.resetMap();
        try {
            java.lang.reflect.Method reset = RackResolver.class.getDeclaredMethod("reset");
            reset.setAccessible(true);
            reset.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reset YARN's RackResolver: " + e, e);
        }
    }
}
