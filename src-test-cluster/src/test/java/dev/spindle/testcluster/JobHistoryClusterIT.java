package dev.spindle.testcluster;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.net.NetUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cluster started for MapReduce tells its clients where its JobHistoryServer is, and it answers. */
class JobHistoryClusterIT {

    @Test
    void clientConfigurationNamesARunningHistoryServer(@TempDir java.nio.file.Path dir) throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.builder().nodes(1).jobHistoryServer(true)
                .set("yarn.nodemanager.aux-services", "mapreduce_shuffle")
                .set("yarn.nodemanager.aux-services.mapreduce_shuffle.class", "org.apache.hadoop.mapred.ShuffleHandler")
                .set("mapreduce.shuffle.port", "0").start()) {
            cluster.writeClientConf(dir);
            assertTrue(Files.exists(dir.resolve("mapred-site.xml")));
            Configuration conf = new Configuration(false);
            conf.addResource(new Path(dir.resolve("mapred-site.xml").toUri()));
            assertEquals("yarn", conf.get("mapreduce.framework.name"));
            String address = conf.get("mapreduce.jobhistory.address");
            assertFalse(address.endsWith(":0"), address);
            try (Socket s = new Socket()) {
                s.connect(NetUtils.createSocketAddr(address), 5000);
            }
        }
    }
}
