package dev.spindle.e2e;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageCodec;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.FetchBlock;
import dev.spindle.protocol.Messages.RegisterAm;
import dev.spindle.protocol.Messages.RegisterExecutor;
import dev.spindle.protocol.Messages.TaskFinished;
import dev.spindle.protocol.TaskMetrics;
import dev.spindle.protocol.TcpRelay;
import dev.spindle.protocol.Transport;
import dev.spindle.protocol.TransportSecurity;
import dev.spindle.security.AppSecret;
import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import dev.spindle.yarn.StagedFiles;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.spindle.e2e.PausedJobs.onlyRunningApplication;
import static dev.spindle.e2e.PausedJobs.pausedAfterMapStage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another tenant of the cluster against a running application: it can reach every port, speaks the
 * protocol, and does not hold the application's secret (or holds another application's). Nothing it
 * tries is accepted, nothing of the job reaches it, and the job's answer is right. The secret itself
 * is in no command line, environment, launch script or log; with encryption on, the wire carries none
 * of the job's data in the clear.
 */
@SpindleClusterTest(nodes = 2)
class SecurityEndToEndIT {
    private static final long SUM = 20_000L * 20_001 / 2;
    private static final Pattern BLOCK_PORT = Pattern.compile("its block server listens on port (\\d+)");

    @Test
    void strangersAreRefusedAndTheJobIsUnaffected(EmbeddedCluster cluster, @TempDir Path dir) throws Exception {
        CompletableFuture<Submitter.Run> running = pausedAfterMapStage(cluster, dir, "--deploy-mode", "client",
                "--num-executors", "2");
        ApplicationId app = onlyRunningApplication(cluster);
        String[] driver = driverAddress(cluster, app).split(":");
        String driverHost = driver[0];
        int driverPort = Integer.parseInt(driver[1]);
        List<Integer> blockPorts = new ArrayList<>();
        for (String log : cluster.containerLogs(app, "stderr")) {
            Matcher m = BLOCK_PORT.matcher(log);
            while (m.find()) {
                blockPorts.add(Integer.parseInt(m.group(1)));
            }
        }
        assertEquals(2, blockPorts.size(), "both executors logged their block server's port");

        // A raw socket speaking the protocol without a handshake: each attempt gets one refusal, no more.
        for (Message m : List.of(new RegisterExecutor("99", "stranger", 8, "container_x", 1),
                new TaskFinished(0, "1", new byte[]{1, 2, 3}, 1, new TaskMetrics(0, 0, 0, 0, 0, 0)),
                new RegisterAm("appattempt_1_0001_000009"))) {
            assertRefusedRaw(driverHost, driverPort, m);
        }
        for (int port : blockPorts) {
            assertRefusedRaw("127.0.0.1", port, new FetchBlock(1, 0, "map_0_0", 0));
        }
        // A frame announcing 512 MiB is not waited for.
        try (Socket s = new Socket(driverHost, driverPort)) {
            s.setSoTimeout(30_000);
            new DataOutputStream(s.getOutputStream()).writeInt(512 * 1024 * 1024 - 1);
            s.getOutputStream().write(new byte[8192]);
            assertEquals(-1, drainToEnd(s), "closed at once");
        }
        // A peer that speaks the handshake with another application's secret.
        try (Transport stranger = new Transport("stranger", 1, TransportSecurity.of(AppSecret.generate(), false))) {
            for (Link link : List.of(Link.EXECUTOR, Link.APPLICATION_MASTER)) {
                IOException e = assertThrows(IOException.class,
                        () -> stranger.connect(driverHost, driverPort, 10_000, link, new Silent()));
                assertTrue(e.getMessage().contains("not this application's"), e.getMessage());
            }
            for (int port : blockPorts) {
                assertThrows(IOException.class,
                        () -> stranger.connect("127.0.0.1", port, 10_000, Link.SHUFFLE, new Silent()));
            }
        }

        Files.writeString(dir.resolve("go"), "");
        Submitter.Run run = running.get(5, TimeUnit.MINUTES);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Long.toString(SUM), Files.readString(dir.resolve("mapped")));
        assertEquals(Long.toString(2 * SUM), Files.readString(dir.resolve("result")), "the job's answer");
        assertEquals(0, run.result().summary().failedAttempts(), run.result().summary().toLine());
        assertEquals(2, run.result().summary().executorsUsed(), "no stranger took tasks");
    }

    /**
     * The secret is where YARN keeps credentials (each container's token file) and nowhere else: not in
     * a process's command line or environment, not in a launch script or staged file, not in a log.
     */
    @Test
    void theSecretIsInNoCommandLineEnvironmentScriptOrLog(EmbeddedCluster cluster, @TempDir Path dir) throws Exception {
        CompletableFuture<Submitter.Run> running = pausedAfterMapStage(cluster, dir, "--deploy-mode", "cluster",
                "--num-executors", "2");
        ApplicationId app = onlyRunningApplication(cluster);
        Map<ContainerId, Long> jvms = cluster.containerJvms(app);
        assertEquals(3, jvms.size(), "the AM and two executors run: " + jvms);
        byte[] secret = null;
        List<Path> searched = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<ContainerId, Long> c : jvms.entrySet()) {
            Path cwd = Files.readSymbolicLink(Path.of("/proc", c.getValue().toString(), "cwd"));
            Credentials creds = Credentials.readTokenStorageFile(cwd.resolve("container_tokens").toFile(),
                    new Configuration());
            byte[] held = creds.getSecretKey(AppSecret.ALIAS);
            assertNotNull(held, c.getKey() + " holds the application's secret");
            if (secret == null) {
                secret = held;
            }
            assertTrue(java.util.Arrays.equals(secret, held), "one secret for the whole application");
            if (c.getKey().getContainerId() != 1) {
                for (Token<?> t : creds.getAllTokens()) {
                    assertFalse(t.getKind().toString().contains("AM_RM"), "an executor holds no AMRM token");
                }
            }
        }
        List<byte[]> forms = forms(secret);
        for (Map.Entry<ContainerId, Long> c : jvms.entrySet()) {
            long pid = c.getValue();
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
            // The JVM and the launch script's shell that started it.
            List<Long> pids = new ArrayList<>(List.of(pid));
            ProcessHandle.of(pid).flatMap(ProcessHandle::parent).ifPresent(p -> pids.add(p.pid()));
            for (long p : pids) {
                for (String f : List.of("cmdline", "environ")) {
                    scan(Path.of("/proc", Long.toString(p), f), forms, searched, leaks);
                }
            }
            try (Stream<Path> files = Files.list(cwd)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (!name.equals("container_tokens") && !name.endsWith(".jar") && Files.isRegularFile(f)) {
                        scan(f, forms, searched, leaks);
                    }
                }
            }
        }
        assertTrue(searched.stream().anyMatch(p -> p.endsWith("launch_container.sh")), "launch scripts searched");
        assertTrue(searched.stream().anyMatch(p -> p.endsWith(StagedFiles.SPINDLE_CONF)), "staged conf searched");

        Files.writeString(dir.resolve("go"), "");
        Submitter.Run run = running.get(5, TimeUnit.MINUTES);
        assertEquals(0, run.exitCode(), run.err());
        for (Path log : cluster.containerLogFiles(app)) {
            scan(log, forms, searched, leaks);
        }
        for (String printed : List.of(run.out(), run.err())) {
            for (byte[] form : forms) {
                if (TcpRelay.indexOf(printed.getBytes(StandardCharsets.UTF_8), form) >= 0) {
                    leaks.add("spindle-submit's output");
                }
            }
        }
        assertTrue(searched.size() > 10, "searched " + searched);
        assertEquals(List.of(), leaks, "the secret leaked");
    }

    /**
     * WordCount in client mode with the driver behind a relay that records the traffic of the AM and the
     * executors: without encryption the relay sees the input's path (in the tasks sent) and its most
     * frequent word (in the results); with {@code spindle.network.crypto.enabled=true}, neither, and the
     * answer is the same.
     */
    @Test
    void withEncryptionTheWireCarriesNoJobData(EmbeddedCluster cluster, @TempDir Path dir) throws Exception {
        String pathMarker = "zanzibar-path-marker";
        String wordMarker = "quetzalwordmarker";
        org.apache.hadoop.fs.Path in = new org.apache.hadoop.fs.Path("/security/" + pathMarker + "/in.txt");
        try (FSDataOutputStream out = cluster.fileSystem().create(in, true)) {
            for (int i = 0; i < 2000; i++) {
                out.write((wordMarker + " alpha " + wordMarker + " beta" + (i % 7) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        for (boolean encrypt : new boolean[]{false, true}) {
            try (TcpRelay relay = relayOnLoopbackAlias()) {
                Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", "client", "--num-executors", "2",
                        "--conf", "spindle.driver.host=127.0.0.2",
                        "--conf", "spindle.driver.bindAddress=127.0.0.1",
                        "--conf", "spindle.driver.port=" + relay.port(),
                        "--conf", "spindle.network.crypto.enabled=" + encrypt,
                        "--class", "dev.spindle.examples.WordCount", Submitter.EXAMPLES_JAR, in.toString(),
                        "/security/out-" + encrypt, "reduce", "3");
                assertEquals(0, run.exitCode(), run.err());
                assertTrue(run.jobOut().contains("4000\t" + wordMarker), run.jobOut());
                assertTrue(relay.captured().length > 10_000, "the AM and the executors spoke through the relay");
                assertEquals(!encrypt, relay.sawBytes(pathMarker.getBytes(StandardCharsets.UTF_8)),
                        "encrypt=" + encrypt + ": the input path in the tasks on the wire");
                assertEquals(!encrypt, relay.sawBytes(wordMarker.getBytes(StandardCharsets.UTF_8)),
                        "encrypt=" + encrypt + ": the top word in the results on the wire");
            }
        }
    }

    /**
     * A relay on 127.0.0.2 at a free port P to 127.0.0.1:P, where the driver then binds: executors are
     * told 127.0.0.2:P, so all they say to the driver crosses the relay.
     */
    private static TcpRelay relayOnLoopbackAlias() throws IOException {
        for (int tries = 0; ; tries++) {
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                port = probe.getLocalPort();
            }
            try {
                return new TcpRelay(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port),
                        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            } catch (IOException e) {
                if (tries > 5) {
                    throw e;
                }
            }
        }
    }

    private static List<byte[]> forms(byte[] secret) {
        List<byte[]> forms = new ArrayList<>();
        forms.add(secret);
        for (String s : List.of(HexFormat.of().formatHex(secret), HexFormat.of().withUpperCase().formatHex(secret),
                Base64.getEncoder().encodeToString(secret), Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                Base64.getEncoder().withoutPadding().encodeToString(secret))) {
            forms.add(s.getBytes(StandardCharsets.US_ASCII));
        }
        return forms;
    }

    private static void scan(Path file, List<byte[]> forms, List<Path> searched, List<String> leaks) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return; // a process that ended, a file removed: nothing to leak there
        }
        searched.add(file);
        for (byte[] form : forms) {
            if (TcpRelay.indexOf(bytes, form) >= 0) {
                leaks.add(file.toString());
            }
        }
    }

    private static void assertRefusedRaw(String host, int port, Message m) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        MessageCodec.encode(m, buf);
        byte[] frame = new byte[buf.readableBytes()];
        buf.readBytes(frame);
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(30_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(frame.length);
            out.write(frame);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] answer = new byte[in.readInt()];
            in.readFully(answer);
            assertEquals(1, answer[0], "a refusal");
            String why = new String(answer, 1, answer.length - 1, StandardCharsets.UTF_8);
            assertTrue(why.contains("refused"), why);
            assertEquals(-1, drainToEnd(s), "nothing after the refusal: " + m.getClass().getSimpleName() + " to " + port);
        }
    }

    /** Reads until the peer closes; returns -1 then, or the first byte if anything more came. */
    private static int drainToEnd(Socket s) throws IOException {
        try {
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            s.getInputStream().transferTo(rest);
            return rest.size() == 0 ? -1 : rest.toByteArray()[0];
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    private static String driverAddress(EmbeddedCluster cluster, ApplicationId app) throws IOException {
        for (Map.Entry<ContainerId, Long> c : cluster.containerJvms(app).entrySet()) {
            if (c.getKey().getContainerId() == 1) {
                Path cwd = Files.readSymbolicLink(Path.of("/proc", c.getValue().toString(), "cwd"));
                try (Reader r = Files.newBufferedReader(cwd.resolve(StagedFiles.SPINDLE_CONF), StandardCharsets.UTF_8)) {
                    return SpindleConf.read(r).get(CoreKeys.DRIVER_ADDRESS);
                }
            }
        }
        throw new AssertionError("no ApplicationMaster container runs for " + app);
    }

    private static final class Silent implements MessageListener {
        @Override
        public void onMessage(Connection connection, Message message) {
            throw new AssertionError("a stranger was sent " + message);
        }

        @Override
        public void onDisconnected(Connection connection) {
        }
    }
}
