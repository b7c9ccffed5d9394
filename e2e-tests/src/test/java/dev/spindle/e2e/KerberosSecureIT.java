package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.spindle.e2e.PausedJobs.awaitFile;
import static dev.spindle.e2e.PausedJobs.onlyRunningApplication;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spindle on a Kerberos-secured cluster (its own KDC, HDFS and YARN that take only Kerberos or
 * delegation tokens, tokens living at most {@value #TOKEN_LIFETIME_MS} ms): spindle-submit logs in from
 * the user's keytab, obtains HDFS delegation tokens and ships them with the application; the AM and
 * the executors, which have no Kerberos login, read and write HDFS with them, and the AM obtains new
 * ones from the shipped keytab before they expire.
 */
@SpindleClusterTest(nodes = 2, secure = true, delegationTokenMaxLifetimeMillis = KerberosSecureIT.TOKEN_LIFETIME_MS)
class KerberosSecureIT {
    static final long TOKEN_LIFETIME_MS = 20_000;
    private static final java.nio.file.Path HOME = java.nio.file.Path.of(System.getProperty("spindle.home"))
            .toAbsolutePath().normalize();

    private static Path input(EmbeddedCluster cluster, String name, int lines) throws IOException {
        Path in = new Path("/secure/" + name + ".txt");
        try (FSDataOutputStream out = cluster.fileSystem().create(in, true)) {
            for (int i = 0; i < lines; i++) {
                out.write(("kerberos token " + (i % 10) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return in;
    }

    private static long totalCount(FileSystem fs, Path dir) throws IOException {
        assertTrue(fs.exists(new Path(dir, "_SUCCESS")), dir + " committed");
        long total = 0;
        for (FileStatus part : fs.listStatus(dir, p -> p.getName().startsWith("part-"))) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(part.getPath()),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    total += Long.parseLong(line.substring(line.lastIndexOf('\t') + 1).trim());
                }
            }
        }
        return total;
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void wordCountRunsWithDelegationTokens(String mode, EmbeddedCluster cluster) throws Exception {
        Path in = input(cluster, "in-" + mode, 1000);
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", mode, "--num-executors", "2",
                "--principal", cluster.userPrincipal(), "--keytab", cluster.userKeytab().toString(),
                "--class", "dev.spindle.examples.WordCount", Submitter.EXAMPLES_JAR, in.toString(),
                "/secure/out-" + mode, "reduce", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3000, totalCount(cluster.fileSystem(), new Path("/secure/out-" + mode)), "every word counted");
    }

    @Test
    void theClusterRefusesClientsWithoutKerberos(EmbeddedCluster cluster) {
        Exception e = assertThrows(Exception.class, () -> UserGroupInformation.createRemoteUser("intruder")
                .doAs((PrivilegedExceptionAction<FileStatus[]>) () ->
                        FileSystem.newInstance(cluster.clientConf()).listStatus(new Path("/"))));
        assertTrue(String.valueOf(e.getMessage()).contains("cannot authenticate via:[TOKEN, KERBEROS]"), String.valueOf(e));
    }

    /**
     * A job that reads HDFS again after its first tokens are dead: past their maximum lifetime, and
     * with the executors' connections to the NameNode closed (idle for longer than the client keeps
     * them), so every read must authenticate with tokens the AM obtained since and passed on.
     */
    @Test
    void aJobOutlivesTheTokensItStartedWith(EmbeddedCluster cluster, @TempDir java.nio.file.Path dir) throws Exception {
        Path in = input(cluster, "reread", 1000);
        Submitter submitter = new Submitter(cluster);
        long started = System.currentTimeMillis();
        CompletableFuture<Submitter.Run> running = CompletableFuture.supplyAsync(() -> submitter.submit(
                "--deploy-mode", "cluster", "--num-executors", "2",
                "--principal", cluster.userPrincipal(), "--keytab", cluster.userKeytab().toString(),
                "--class", "dev.spindle.examples.Fail", Submitter.EXAMPLES_JAR, "reread", dir.toString(),
                in.toString(), "/secure/reread-out"));
        awaitFile(dir.resolve("first"), running);
        assertEquals("1000", Files.readString(dir.resolve("first")));
        ApplicationId app = onlyRunningApplication(cluster);
        // Until the AM has obtained tokens three times: by then the first ones are past their lifetime.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (refreshes(cluster, app) < 3 || System.currentTimeMillis() < started + TOKEN_LIFETIME_MS + 11_000) {
            assertFalse(running.isDone(), () -> "the job ended early: " + running.join().err());
            assertTrue(System.nanoTime() < deadline, "the AM did not refresh its tokens three times in 2 minutes");
            TimeUnit.MILLISECONDS.sleep(500);
        }
        Files.writeString(dir.resolve("go"), "");
        Submitter.Run run = running.get(5, TimeUnit.MINUTES);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3000, totalCount(cluster.fileSystem(), new Path("/secure/reread-out")), "every word counted");
        assertTrue(cluster.containerLogs(app, "stderr").stream().anyMatch(l -> l.contains("got new delegation tokens")),
                "executors were handed the new tokens");
    }

    private static long refreshes(EmbeddedCluster cluster, ApplicationId app) throws IOException {
        long n = 0;
        for (String log : cluster.containerLogs(app, "stderr")) {
            n += log.lines().filter(l -> l.contains("new delegation tokens; they expire at")).count();
        }
        return n;
    }

    /**
     * spindle-submit as a user types it, in its own process, with this cluster's client configuration
     * and no Kerberos ticket.
     */
    private static Process submit(EmbeddedCluster cluster, java.nio.file.Path confDir, String... args) throws IOException {
        return submit(cluster, confDir, confDir.resolve("no-such-ticket-cache"), args);
    }

    private static Process submit(EmbeddedCluster cluster, java.nio.file.Path confDir, java.nio.file.Path ticketCache,
                                  String... args) throws IOException {
        cluster.writeClientConf(confDir);
        List<String> cmd = new java.util.ArrayList<>(List.of(HOME.resolve("bin/spindle-submit").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HADOOP_CONF_DIR", confDir.toString());
        pb.environment().remove("YARN_CONF_DIR");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("KRB5CCNAME", "FILE:" + ticketCache);
        pb.environment().put("SPINDLE_SUBMIT_OPTS", "-Djava.security.krb5.conf=" + confDir.resolve("krb5.conf"));
        return pb.start();
    }

    private static String finish(Process p) throws Exception {
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        return output;
    }

    /** As after {@code kinit}: a ticket in the cache, no --principal and no --keytab. */
    @Test
    void aTicketCacheIsEnough(EmbeddedCluster cluster, @TempDir java.nio.file.Path conf) throws Exception {
        cluster.writeClientConf(conf);
        java.nio.file.Path cache = conf.resolve("krb5cc");
        org.apache.kerby.kerberos.kerb.client.KrbClient kinit =
                new org.apache.kerby.kerberos.kerb.client.KrbClient(conf.toFile());
        kinit.init();
        kinit.storeTicket(kinit.requestTgt(cluster.userPrincipal(), conf.resolve("user.keytab").toFile()), cache.toFile());
        Process p = submit(cluster, conf, cache, "--deploy-mode", "cluster", "--class", "dev.spindle.examples.Pi",
                Submitter.EXAMPLES_JAR, "2");
        String output = finish(p);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("FINISHED/SUCCEEDED"), output);
    }

    @Test
    void withoutATicketOrKeytabTheSubmitStopsInOneSentence(EmbeddedCluster cluster, @TempDir java.nio.file.Path conf)
            throws Exception {
        int before = cluster.applications().size();
        Process p = submit(cluster, conf, "--class", "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR, "2");
        String output = finish(p);
        assertEquals(1, p.exitValue(), output);
        assertEquals("spindle-submit: the cluster uses Kerberos and there is no Kerberos ticket for this user: run kinit "
                + "or pass --principal and --keytab", output.strip(), "one sentence, no stack trace");
        assertEquals(before, cluster.applications().size(), "nothing was submitted");
    }

    @Test
    void aKeytabWithoutThePrincipalsKeyStopsInOneSentence(EmbeddedCluster cluster, @TempDir java.nio.file.Path conf)
            throws Exception {
        int before = cluster.applications().size();
        Process p = submit(cluster, conf, "--principal", "somebody-else@EXAMPLE.COM", "--keytab",
                conf.resolve("user.keytab").toString(), "--class", "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR, "2");
        String output = finish(p);
        assertEquals(1, p.exitValue(), output);
        assertTrue(output.strip().startsWith("spindle-submit: cannot log in to Kerberos as somebody-else@EXAMPLE.COM "
                + "with the keytab"), output);
        assertEquals(1, output.strip().lines().count(), "one sentence: " + output);
        assertEquals(before, cluster.applications().size(), "nothing was submitted");
    }
}
