package dev.spindle.bench;

import dev.spindle.Pair;
import dev.spindle.lineage.Lineage;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;
import dev.spindle.task.TaskEnv;
import dev.spindle.protocol.Transport;
import dev.spindle.protocol.TransportSecurity;
import dev.spindle.security.AppSecret;
import dev.spindle.shuffle.BlockFetcher;
import dev.spindle.shuffle.BlockServer;
import dev.spindle.shuffle.MapStatus;
import dev.spindle.shuffle.Partitioner;
import dev.spindle.lineage.ShuffleDependency;
import dev.spindle.shuffle.ShuffleFiles;
import dev.spindle.lineage.ShuffleReader;
import dev.spindle.lineage.ShuffleWriter;
import org.apache.hadoop.conf.Configuration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A map task's shuffle write of one million records into 8 partitions, and reading all 8 partitions
 * back from local disk and over loopback from a block server. The floors read the same data file
 * with a plain buffered stream, and copy it to a new file; the page cache holds it, so these measure CPU and copies, not disks.
 * Each fetch opens a connection and runs the authentication handshake, as a reduce task does; the
 * {@code FromEight} pair reads the same records written by eight map tasks, eight outputs per partition,
 * as reduce tasks of a real shuffle read them;
 * {@code encrypt} adds AES-GCM on the wire. {@link #handshake} is one connection's handshake alone,
 * against {@link #floorTcpConnect}, a bare TCP connect and close to the same server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ShuffleBenchmark {
    static final int N = 1_000_000;
    static final int PARTITIONS = 8;

    /** spindle.network.crypto.enabled: connections are authenticated either way. */
    @Param({"false", "true"})
    boolean encrypt;

    File dir;
    List<Pair<String, Long>> records;
    ShuffleDependency<String, Long, Long> dep;
    MapStatus written;
    /** The same records as eight map tasks' outputs: a reduce task reads one partition from each. */
    List<MapStatus> writtenByEight;
    Transport transport;
    BlockServer server;
    long nextTask;

    record Env(Configuration hadoopConf, File shuffleDir, String host, int blockPort, BlockFetcher fetcher,
               boolean localShuffleReads) implements TaskEnv {
    }

    Env writerEnv;
    Env remoteEnv;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("spindle-bench-shuffle").toFile();
        records = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            records.add(Pair.of("word" + (i % 50_000), (long) i));
        }
        dep = new ShuffleDependency<>(0, new NoParent(), new Partitioner.Hash(PARTITIONS), null, false, null);
        transport = new Transport("bench", 2, TransportSecurity.of(AppSecret.generate(), encrypt));
        server = new BlockServer(transport, dir, "127.0.0.1");
        Configuration conf = new Configuration();
        writerEnv = new Env(conf, dir, "127.0.0.1", server.port(), null, true);
        remoteEnv = new Env(conf, dir, "elsewhere", 0, new BlockFetcher(transport, 60_000), false);
        written = shuffleWrite();
        writtenByEight = new ArrayList<>();
        for (int m = 0; m < 8; m++) {
            writtenByEight.add(ShuffleWriter.write(dep, task(writerEnv), records.subList(m * N / 8, (m + 1) * N / 8)
                    .iterator()));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
        transport.close();
        org.apache.hadoop.fs.FileUtil.fullyDelete(dir);
    }

    private TaskContext task(Env env) {
        return new TaskContext(nextTask++, 0, 0, 0, 0, "bench", env, Map.of());
    }

    @Benchmark
    public MapStatus shuffleWrite() throws IOException {
        MapStatus s = ShuffleWriter.write(dep, task(writerEnv), records.iterator());
        if (written != null) {
            // Keep one output on disk: remove what this iteration wrote.
            Files.deleteIfExists(new File(s.dataFile()).toPath());
            Files.deleteIfExists(ShuffleFiles.indexFileOf(new File(s.dataFile())).toPath());
        }
        return s;
    }

    @Benchmark
    public long floorPlainFileRead() throws IOException {
        long sum = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(new File(written.dataFile()).toPath())) {
            for (int n; (n = in.read(buf)) > 0; ) {
                sum += n;
            }
        }
        return sum;
    }

    /** Copying the map output's bytes to a new file and back out: what writing or reading them costs at the least. */
    @Benchmark
    public long floorPlainFileCopy() throws IOException {
        File copy = new File(dir, "floor-copy");
        try (java.io.OutputStream out = Files.newOutputStream(copy.toPath())) {
            return Files.copy(new File(written.dataFile()).toPath(), out);
        } finally {
            Files.deleteIfExists(copy.toPath());
        }
    }

    @Benchmark
    public long readLocal() {
        return readAll(writerEnv);
    }

    @Benchmark
    public long fetchOverLoopback() {
        return readAll(remoteEnv);
    }

    /** Every partition from eight map outputs on this host: 64 segments of the page cache. */
    @Benchmark
    public long readLocalFromEight() {
        return readAll(writerEnv, writtenByEight);
    }

    /** Every partition from eight map outputs of another executor: 64 fetches, as reduce tasks make them. */
    @Benchmark
    public long fetchFromEightOverLoopback() {
        return readAll(remoteEnv, writtenByEight);
    }

    @Benchmark
    public boolean handshake() throws IOException {
        dev.spindle.protocol.Connection c = transport.connect("127.0.0.1", server.port(), 10_000,
                dev.spindle.protocol.Link.SHUFFLE, new dev.spindle.protocol.MessageListener() {
                    @Override
                    public void onMessage(dev.spindle.protocol.Connection connection, dev.spindle.protocol.Message m) {
                    }

                    @Override
                    public void onDisconnected(dev.spindle.protocol.Connection connection) {
                    }
                });
        boolean open = c.isOpen();
        c.close();
        return open;
    }

    @Benchmark
    public boolean floorTcpConnect() throws IOException {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
            s.setTcpNoDelay(true);
            return s.isConnected();
        }
    }

    private long readAll(Env env) {
        return readAll(env, List.of(written));
    }

    private long readAll(Env env, List<MapStatus> outputs) {
        long n = 0;
        for (int r = 0; r < PARTITIONS; r++) {
            Iterator<Pair<Object, Object>> it = ShuffleReader.read(0, outputs, r, task(env));
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    /** The writer is handed its records directly; its dependency's parent is never computed. */
    static final class NoParent extends Lineage<Pair<String, Long>> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<? extends Partition> partitions() {
            return List.of();
        }

        @Override
        public Iterator<Pair<String, Long>> compute(Partition partition, TaskContext task) {
            return List.<Pair<String, Long>>of().iterator();
        }
    }
}
