package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spindle on a Kerberos-secured cluster (its own KDC, HDFS and YARN that take only Kerberos or
 * delegation tokens): spindle-submit logs in from the user's keytab, obtains HDFS delegation tokens
 * and ships them with the application; the AM and the executors, which have no Kerberos login, read
 * and write HDFS with them.
 */
@SpindleClusterTest(nodes = 2, secure = true)
class KerberosSecureIT {

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void wordCountRunsWithDelegationTokens(String mode, EmbeddedCluster cluster) throws Exception {
        Path in = new Path("/secure/in-" + mode + ".txt");
        try (FSDataOutputStream out = cluster.fileSystem().create(in, true)) {
            for (int i = 0; i < 1000; i++) {
                out.write(("kerberos token " + (i % 10) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", mode, "--num-executors", "2",
                "--principal", cluster.userPrincipal(), "--keytab", cluster.userKeytab().toString(),
                "--class", "dev.spindle.examples.WordCount", Submitter.EXAMPLES_JAR, in.toString(),
                "/secure/out-" + mode, "reduce", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(cluster.fileSystem().exists(new Path("/secure/out-" + mode + "/_SUCCESS")), run.out());
        long total = 0;
        for (org.apache.hadoop.fs.FileStatus part : cluster.fileSystem().listStatus(new Path("/secure/out-" + mode),
                p -> p.getName().startsWith("part-"))) {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(cluster.fileSystem().open(part.getPath()),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    total += Long.parseLong(line.substring(line.lastIndexOf('\t') + 1).trim());
                }
            }
        }
        assertEquals(3000, total, "every word counted");
    }
}
