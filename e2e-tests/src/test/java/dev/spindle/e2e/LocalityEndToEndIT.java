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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three hosts, input blocks on two of them (replication 1): executors and map tasks go to the blocks. */
@SpindleClusterTest(nodes = 3, racks = 2, blockSize = 1024 * 1024)
class LocalityEndToEndIT {
    private static final Map<String, Long> expected = new TreeMap<>();
    private static final Set<String> blockHosts = new TreeSet<>();

    @BeforeAll
    static void writeInputOnTwoHosts(EmbeddedCluster cluster) throws Exception {
        DistributedFileSystem fs = (DistributedFileSystem) cluster.fileSystem();
        DatanodeInfo[] dns = fs.getDataNodeStats();
        assertEquals(3, dns.length);
        Arrays.sort(dns, (a, b) -> a.getHostName().compareTo(b.getHostName()));
        Random rnd = new Random(3);
        for (int f = 0; f < 2; f++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 2_600_000) {
                String w = "w" + rnd.nextInt(2000);
                text.append(w).append(rnd.nextInt(8) == 0 ? '\n' : ' ');
                expected.merge(w, 1L, Long::sum);
            }
            InetSocketAddress favored = new InetSocketAddress(dns[f].getIpAddr(), dns[f].getXferPort());
            try (FSDataOutputStream out = fs.create(new Path("/local/f" + f + ".txt"), FsPermission.getFileDefault(),
                    true, 4096, (short) 1, 1024 * 1024, null, new InetSocketAddress[]{favored})) {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        for (FileStatus st : fs.listStatus(new Path("/local"))) {
            for (BlockLocation b : fs.getFileBlockLocations(st, 0, st.getLen())) {
                blockHosts.addAll(Arrays.asList(b.getHosts()));
            }
        }
        assertEquals(2, blockHosts.size(), "blocks on two of the three hosts: " + blockHosts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void mapTasksRunWhereTheirBlocksAre(String mode, EmbeddedCluster cluster) throws Exception {
        String out = "/out/locality-" + mode;
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", mode, "--num-executors", "2",
                "--class", "dev.spindle.examples.WordCount", Submitter.EXAMPLES_JAR, "/local", out);
        assertEquals(0, run.exitCode(), run.err());
        StringBuilder amLog = new StringBuilder();
        for (String log : cluster.containerLogs(org.apache.hadoop.yarn.api.records.ApplicationId.fromString(
                run.result().applicationId()), "stderr")) {
            log.lines().filter(l -> l.contains("Asked for") || l.contains("Launching executor"))
                    .forEach(l -> amLog.append(l).append('\n'));
        }
        System.out.println(amLog);
        // Placed by asking, not by chance: the first asks named the hosts holding the blocks.
        assertTrue(amLog.toString().contains("near {"), amLog.toString());

        assertEquals(expected, wordCounts(cluster, out));

        ApplicationSummary s = run.result().summary();
        ApplicationSummary.Locality loc = s.locality();
        long mapTasks = loc.nodeLocal() + loc.rackLocal() + loc.any();
        assertTrue(mapTasks >= 6, loc.toLine());
        assertTrue(loc.nodeLocal() >= 0.9 * mapTasks, "at least 90 % node-local: " + loc.toLine());
        Set<String> executorHosts = new TreeSet<>();
        s.tasksByExecutor().keySet().forEach(e -> executorHosts.add(e.substring(e.indexOf('@') + 1)));
        assertEquals(blockHosts, executorHosts, "both executors on the hosts holding blocks");
    }

    /** The (word, count) lines of WordCount's {@code part-*} files under {@code out}. */
    static Map<String, Long> wordCounts(EmbeddedCluster cluster, String out) throws Exception {
        Map<String, Long> actual = new TreeMap<>();
        DistributedFileSystem fs = (DistributedFileSystem) cluster.fileSystem();
        for (FileStatus part : fs.globStatus(new Path(out, "part-*"))) {
            try (var in = fs.open(part.getPath())) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()) {
                        String[] kv = line.split("\t");
                        actual.put(kv[0], Long.parseLong(kv[1]));
                    }
                }
            }
        }
        return actual;
    }
}
