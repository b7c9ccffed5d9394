package dev.spindle.testcluster;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SpindleClusterTest(nodes = 2)
class EmbeddedClusterIT {

    @Test
    void nodeManagersAndHdfsServeClients(EmbeddedCluster cluster) throws Exception {
        try (YarnClient yc = YarnClient.createYarnClient()) {
            yc.init(cluster.clientConf());
            yc.start();
            assertEquals(2, yc.getNodeReports(NodeState.RUNNING).size());
        }
        FileSystem fs = cluster.fileSystem();
        try (FSDataOutputStream out = fs.create(new Path("/probe.txt"))) {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(5, fs.getFileStatus(new Path("/probe.txt")).getLen());
    }

    @Test
    void everyNodeIsItsOwnHostForHdfsAndYarnAlike(EmbeddedCluster cluster) throws Exception {
        java.util.Set<String> yarnHosts = new java.util.TreeSet<>();
        try (YarnClient yc = YarnClient.createYarnClient()) {
            yc.init(cluster.clientConf());
            yc.start();
            yc.getNodeReports(NodeState.RUNNING).forEach(r -> yarnHosts.add(r.getNodeId().getHost()));
        }
        assertEquals(java.util.Set.of("127.0.0.2", "127.0.0.3"), yarnHosts);

        FileSystem fs = cluster.fileSystem();
        Path file = new Path("/blocks.bin");
        try (FSDataOutputStream out = fs.create(file, (short) 1)) {
            out.write(new byte[4096]);
        }
        java.util.Set<String> blockHosts = new java.util.TreeSet<>();
        for (var loc : fs.getFileBlockLocations(fs.getFileStatus(file), 0, 4096)) {
            blockHosts.addAll(java.util.Arrays.asList(loc.getHosts()));
        }
        assertEquals(1, blockHosts.size());
        assertTrue(yarnHosts.containsAll(blockHosts), "block hosts " + blockHosts + " are YARN hosts " + yarnHosts);
    }

    @Test
    void writtenClientConfigurationReachesTheCluster(EmbeddedCluster cluster, @TempDir java.nio.file.Path dir)
            throws Exception {
        cluster.writeClientConf(dir);
        Configuration conf = new Configuration(false);
        for (String f : new String[]{"core-site.xml", "hdfs-site.xml", "yarn-site.xml"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
            conf.addResource(new Path(dir.resolve(f).toUri()));
        }
        String xml = Files.readString(dir.resolve("core-site.xml"));
        assertFalse(xml.contains("StaticMapping"), "test-only topology mapping leaked into the client configuration");
        try (YarnClient yc = YarnClient.createYarnClient()) {
            yc.init(new org.apache.hadoop.yarn.conf.YarnConfiguration(conf));
            yc.start();
            assertEquals(2, yc.getYarnClusterMetrics().getNumNodeManagers());
        }
    }
}
