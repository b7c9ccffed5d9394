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
class EmbeddedClusterTest {

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

    @Test
    void hadoopClasspathLeavesOutSpindleJars() {
        for (String entry : EmbeddedCluster.hadoopClasspath()) {
            assertTrue(entry.endsWith(".jar"), entry);
            assertFalse(new java.io.File(entry).getName().startsWith("spindle-"), entry);
        }
    }
}
