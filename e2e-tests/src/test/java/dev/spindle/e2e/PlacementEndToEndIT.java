package dev.spindle.e2e;

import dev.spindle.driver.ApplicationSummary;
import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes and a third DataNode that runs no NodeManager (in the first node's rack), as on clusters
 * where some DataNodes have none or HDFS and YARN name hosts differently. Half the input is on that
 * DataNode. With a locality wait of ten minutes, an AM that asked strictly for that host would wait it
 * out: every ask must be met at once, at the host's rack, and the answer be right.
 */
@SpindleClusterTest(nodes = 2, dataOnlyNodes = 1, racks = 2, blockSize = 1024 * 1024)
class PlacementEndToEndIT {
    private static final Map<String, Long> expected = new TreeMap<>();
    private static String dataOnlyHost;
    private static int blocksOnDataOnlyHost;

    @BeforeAll
    static void writeHalfTheInputWhereNoNodeManagerRuns(EmbeddedCluster cluster) throws Exception {
        dataOnlyHost = EmbeddedCluster.hostOf(2);
        DistributedFileSystem fs = (DistributedFileSystem) cluster.fileSystem();
        DatanodeInfo[] dns = fs.getDataNodeStats();
        assertEquals(3, dns.length);
        Map<String, DatanodeInfo> byHost = new TreeMap<>();
        for (DatanodeInfo dn : dns) {
            byHost.put(dn.getHostName(), dn);
        }
        String[] favoured = {dataOnlyHost, EmbeddedCluster.hostOf(1)};
        Random rnd = new Random(5);
        for (int f = 0; f < favoured.length; f++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 2_600_000) {
                String w = "w" + rnd.nextInt(1500);
                text.append(w).append(rnd.nextInt(8) == 0 ? '\n' : ' ');
                expected.merge(w, 1L, Long::sum);
            }
            DatanodeInfo dn = byHost.get(favoured[f]);
            InetSocketAddress at = new InetSocketAddress(dn.getIpAddr(), dn.getXferPort());
            try (FSDataOutputStream out = fs.create(new Path("/placement/f" + f + ".txt"), FsPermission.getFileDefault(),
                    true, 4096, (short) 1, 1024 * 1024, null, new InetSocketAddress[]{at})) {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        for (FileStatus st : fs.listStatus(new Path("/placement"))) {
            for (BlockLocation b : fs.getFileBlockLocations(st, 0, st.getLen())) {
                if (java.util.Arrays.asList(b.getHosts()).contains(dataOnlyHost)) {
                    blocksOnDataOnlyHost++;
                }
            }
        }
        assertEquals(3, blocksOnDataOnlyHost, "the first file's blocks on the DataNode without a NodeManager");
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void asksForAHostWithoutANodeManagerGoToItsRackAtOnce(String mode, EmbeddedCluster cluster) throws Exception {
        String out = "/out/placement-" + mode;
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", mode, "--num-executors", "2",
                "--conf", "spindle.yarn.am.localityWait=10min",
                // Placement is what is tested: the AM waits for the first stage's demand, however slow
                // the driver is to plan it on a loaded machine, rather than asking anywhere after 3 s.
                "--conf", "spindle.yarn.am.demandWait=2min",
                "--class", "dev.spindle.examples.WordCount", Submitter.EXAMPLES_JAR, "/placement", out);
        assertEquals(0, run.exitCode(), run.err());
        StringBuilder amLog = new StringBuilder();
        for (String log : cluster.containerLogs(ApplicationId.fromString(run.result().applicationId()), "stderr")) {
            amLog.append(log).append('\n');
        }
        String am = amLog.toString();
        assertTrue(am.contains("prefer hosts that run no NodeManager"), am);
        assertTrue(am.contains("rack /rack-1"), "the data-only host's demand asked at its rack: " + am);
        assertFalse(am.contains("host " + dataOnlyHost), "never a strict ask for the host YARN does not know: " + am);
        assertFalse(am.contains("widened"), "no ask waited out the locality wait: " + am);

        assertEquals(expected, LocalityEndToEndIT.wordCounts(cluster, out));

        ApplicationSummary.Locality loc = run.result().summary().locality();
        assertTrue(loc.rackLocal() + loc.any() >= blocksOnDataOnlyHost,
                "tasks on the data-only host's blocks are not called node-local: " + loc.toLine());
        assertTrue(loc.nodeLocal() >= 1, "the other file's tasks ran where their blocks are: " + loc.toLine());
    }
}
