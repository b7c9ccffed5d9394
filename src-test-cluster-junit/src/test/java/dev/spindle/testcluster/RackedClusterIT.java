package dev.spindle.testcluster;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.net.DNSToSwitchMapping;
import org.apache.hadoop.net.ScriptBasedMapping;
import org.apache.hadoop.util.ReflectionUtils;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HDFS, YARN and clients agree on the racks of a racked embedded cluster. */
@SpindleClusterTest(nodes = 3, racks = 2)
class RackedClusterIT {

    private static Map<String, String> expectedRacks(EmbeddedCluster cluster) {
        Map<String, String> racks = new TreeMap<>();
        for (int i = 0; i < cluster.nodes(); i++) {
            racks.put(EmbeddedCluster.hostOf(i), cluster.rackOf(i));
        }
        return racks;
    }

    @Test
    void nodesAreSpreadOverTheRacks(EmbeddedCluster cluster) {
        assertEquals(Map.of("127.0.0.2", "/rack-1", "127.0.0.3", "/rack-2", "127.0.0.4", "/rack-1"),
                expectedRacks(cluster));
    }

    @Test
    void yarnNodeReportsNameTheRacks(EmbeddedCluster cluster) throws Exception {
        Map<String, String> seen = new TreeMap<>();
        try (YarnClient yc = YarnClient.createYarnClient()) {
            yc.init(cluster.clientConf());
            yc.start();
            for (NodeReport r : yc.getNodeReports(NodeState.RUNNING)) {
                seen.put(r.getNodeId().getHost(), r.getRackName());
            }
        }
        assertEquals(expectedRacks(cluster), seen);
    }

    @Test
    void hdfsBlockLocationsNameTheRacks(EmbeddedCluster cluster) throws Exception {
        FileSystem fs = cluster.fileSystem();
        Map<String, String> expected = expectedRacks(cluster);
        for (int i = 0; i < 6; i++) {
            Path file = new Path("/racked-" + i);
            try (FSDataOutputStream out = fs.create(file, (short) 1)) {
                out.write(new byte[1024]);
            }
            for (BlockLocation loc : fs.getFileBlockLocations(fs.getFileStatus(file), 0, 1024)) {
                String host = loc.getHosts()[0];
                String path = loc.getTopologyPaths()[0];
                assertTrue(path.startsWith(expected.get(host) + "/"), "block on " + host + " has topology path " + path);
            }
        }
    }

    @Test
    void clientsResolveRacksThroughHadoopTopologySettings(EmbeddedCluster cluster, @TempDir java.nio.file.Path dir)
            throws Exception {
        cluster.writeClientConf(dir);
        Configuration conf = new Configuration(false);
        conf.addResource(new Path(dir.resolve("core-site.xml").toUri()));
        DNSToSwitchMapping mapping = ReflectionUtils.newInstance(conf.getClass(
                CommonConfigurationKeysPublic.NET_TOPOLOGY_NODE_SWITCH_MAPPING_IMPL_KEY, ScriptBasedMapping.class,
                DNSToSwitchMapping.class), conf);
        List<String> hosts = List.copyOf(expectedRacks(cluster).keySet());
        assertEquals(List.copyOf(expectedRacks(cluster).values()), mapping.resolve(hosts));
    }
}
