package dev.spindle.lineage;

import dev.spindle.Pair;
import dev.spindle.shuffle.Aggregator;
import dev.spindle.shuffle.BlockFetcher;
import dev.spindle.shuffle.BlockServer;
import dev.spindle.shuffle.CombineMap;
import dev.spindle.shuffle.MapStatus;
import dev.spindle.shuffle.Partitioner;
import dev.spindle.shuffle.ShuffleFiles;
import dev.spindle.task.TaskContext;
import dev.spindle.task.TaskEnv;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShuffleFilesTest {
    @TempDir
    Path dir;

    private record Env(Configuration hadoopConf, File shuffleDir, String host) implements TaskEnv {
    }

    /** A host whose executor has only {@code budget} bytes for its tasks. */
    private record SmallEnv(Configuration hadoopConf, File shuffleDir, String host, dev.spindle.memory.MemoryBudget memory)
            implements TaskEnv {
    }

    private TaskContext task(long taskId, int partition, Map<Integer, List<MapStatus>> inputs) {
        return new TaskContext(taskId, 0, 0, 0, partition, "exec-1", new Env(new Configuration(), dir.toFile(), "h"),
                inputs);
    }

    private static List<Pair<Object, Object>> drain(Iterator<Pair<Object, Object>> it) {
        List<Pair<Object, Object>> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void writeIndexAndReadBackEveryPartitionIncludingEmptyOnes() throws Exception {
        // Keys 0..99 into 7 partitions by key mod 7 with an explicit partitioner; partition 6 gets nothing.
        Partitioner mod = new ModSix();
        ShuffleDependency<Integer, String, String> dep = new ShuffleDependency<>(3, dummy(), mod,
                null, false, null);
        List<Pair<Integer, String>> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(Pair.of(i, "v" + i));
        }
        MapStatus status = ShuffleWriter.write(dep, task(11, 0, Map.of()), records.iterator());

        File data = new File(status.dataFile());
        File index = ShuffleFiles.indexFileOf(data);
        assertTrue(data.isFile() && index.isFile());
        assertEquals(8 * 8, Files.size(index.toPath()), "N + 1 offsets");
        try (DataInputStream in = new DataInputStream(Files.newInputStream(index.toPath()))) {
            long prev = in.readLong();
            assertEquals(0, prev);
            for (int r = 0; r < 7; r++) {
                long next = in.readLong();
                assertEquals(status.partitionLengths()[r], next - prev);
                prev = next;
            }
            assertEquals(Files.size(data.toPath()), prev);
        }
        assertEquals(0, status.partitionLengths()[6]);
        try (var leftovers = Files.list(data.getParentFile().toPath())) {
            assertEquals(2, leftovers.count(), "only the data and index files remain");
        }

        for (int r = 0; r < 7; r++) {
            List<Pair<Object, Object>> got = drain(ShuffleReader.read(3, List.of(status), r, task(12, r, Map.of())));
            List<Pair<Object, Object>> expected = new ArrayList<>();
            for (Pair<Integer, String> p : records) {
                if (mod.partition(p.key()) == r) {
                    expected.add(Pair.of(p.key(), p.value()));
                }
            }
            assertEquals(expected, got, "partition " + r);
        }
    }

    @Test
    void compressedOutputsAreSmallerReadBackAlikeAndCheckedBeforeDecompressing() throws Exception {
        List<Pair<Integer, String>> records = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            records.add(Pair.of(i, "a fairly repetitive value number " + (i % 50)));
        }
        MapStatus plain = ShuffleWriter.write(new ShuffleDependency<>(6, dummy(), new Partitioner.Hash(2), null, false,
                null, false), task(60, 0, Map.of()), records.iterator());
        MapStatus packed = ShuffleWriter.write(new ShuffleDependency<>(7, dummy(), new Partitioner.Hash(2), null, false,
                null, true), task(61, 0, Map.of()), records.iterator());
        long plainBytes = plain.partitionLengths()[0] + plain.partitionLengths()[1];
        long packedBytes = packed.partitionLengths()[0] + packed.partitionLengths()[1];
        assertTrue(packedBytes * 3 < plainBytes, "LZ4 shrinks repetitive records: " + packedBytes + " of " + plainBytes);
        for (int r = 0; r < 2; r++) {
            assertEquals(drain(ShuffleReader.read(6, List.of(plain), r, task(62, r, Map.of()))),
                    drain(ShuffleReader.read(7, List.of(packed), r, task(63, r, Map.of()), true)));
        }
        // A flipped byte in the compressed data is a fetch failure (the checksum), not garbage records.
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(packed.dataFile(), "rw")) {
            f.seek(40);
            int b = f.read();
            f.seek(40);
            f.write(b ^ 0xFF);
        }
        assertThrows(dev.spindle.shuffle.FetchFailedException.class,
                () -> drain(ShuffleReader.read(7, List.of(packed), 0, task(64, 0, Map.of()), true)));
    }

    @Test
    void mapSideCombiningFlushesPartialCombinersThatReducersMerge() throws Exception {
        Aggregator<Long, Long> sum = new Aggregator<>(v -> v, Long::sum, Long::sum);
        ShuffleDependency<Integer, Long, Long> dep = new ShuffleDependency<>(4, dummy(), new Partitioner.Hash(3), sum,
                true, null);
        // 20,000 keys need about 1 MB of table; a 256 KiB budget makes the writer flush several times.
        int keys = 20_000;
        dev.spindle.memory.MemoryBudget budget = new dev.spindle.memory.MemoryBudget(256 * 1024);
        List<MapStatus> outputs = new ArrayList<>();
        for (int map = 0; map < 2; map++) {
            List<Pair<Integer, Long>> records = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int k = 0; k < keys; k++) {
                    records.add(Pair.of(k, 1L));
                }
            }
            TaskContext small = new TaskContext(20 + map, 0, 0, 0, map, "exec-1",
                    new SmallEnv(new Configuration(), dir.toFile(), "h", budget), Map.of());
            outputs.add(ShuffleWriter.write(dep, small, records.iterator()));
        }
        assertEquals(0, budget.used(), "the writer gave its memory back");
        CombineMap<Long> totals = new CombineMap<>();
        int partials = 0;
        for (int r = 0; r < 3; r++) {
            for (Pair<Object, Object> p : drain(ShuffleReader.read(4, outputs, r, task(30, r, Map.of())))) {
                totals.addCombiner(sum, p.key(), (Long) p.value());
                partials++;
            }
        }
        assertTrue(partials > 2 * keys, "flushed partial combiners (" + partials + " records for " + keys + " keys)");
        assertEquals(keys, totals.size());
        List<Long> counts = new ArrayList<>();
        totals.forEach((k, v) -> counts.add(v));
        assertTrue(counts.stream().allMatch(v -> v == 4L), "2 maps x 2 rounds");
    }

    /** The reading side of a fetch: another host, with a fetcher. */
    private record RemoteEnv(Configuration hadoopConf, File shuffleDir, String host, BlockFetcher fetcher)
            implements TaskEnv {
    }

    @Test
    void blocksOfOtherHostsStreamOverTheNetworkInChunks() throws Exception {
        try (dev.spindle.protocol.Transport transport = new dev.spindle.protocol.Transport("test", 1,
                dev.spindle.protocol.TransportSecurity.of(dev.spindle.security.AppSecret.generate(), false));
             BlockServer server = new BlockServer(transport, dir.toFile(), "127.0.0.1")) {
            ShuffleDependency<Integer, String, String> dep = new ShuffleDependency<>(5, dummy(), new Partitioner.Hash(3),
                    null, false, null);
            List<Pair<Integer, String>> records = new ArrayList<>();
            String big = "x".repeat(1000);
            for (int i = 0; i < 5000; i++) {
                records.add(Pair.of(i % 2 == 0 ? 0 : i, i % 2 == 0 ? big + i : "v" + i));
            }
            TaskContext writer = new TaskContext(40, 0, 0, 0, 0, "exec-1", new TaskEnv() {
                @Override
                public Configuration hadoopConf() {
                    return new Configuration();
                }

                @Override
                public File shuffleDir() {
                    return dir.toFile();
                }

                @Override
                public String host() {
                    return "127.0.0.1";
                }

                @Override
                public int blockPort() {
                    return server.port();
                }
            }, Map.of());
            MapStatus status = ShuffleWriter.write(dep, writer, records.iterator());
            assertTrue(status.partitionLengths()[0] > 2L * BlockServer.CHUNK_BYTES, "partition 0 spans several chunks");
            assertEquals(server.port(), status.port());

            TaskEnv remote = new RemoteEnv(new Configuration(), dir.toFile(), "another-host",
                    new BlockFetcher(transport, 10_000));
            for (int r = 0; r < 3; r++) {
                TaskContext reader = new TaskContext(41, 0, 0, 1, r, "exec-2", remote, Map.of());
                List<Pair<Object, Object>> got = drain(ShuffleReader.read(5, List.of(status), r, reader));
                List<Pair<Object, Object>> expected = new ArrayList<>();
                for (Pair<Integer, String> p : records) {
                    if (dep.partitioner().partition(p.key()) == r) {
                        expected.add(Pair.of(p.key(), p.value()));
                    }
                }
                assertEquals(expected, got, "partition " + r);
                assertEquals(status.partitionLengths()[r], reader.metrics().snapshot().shuffleBytesRead());
            }

            MapStatus missing = new MapStatus("exec-1", "127.0.0.1", server.port(), "map_9_9",
                    dir.resolve("gone.data").toString(), new long[]{10}, new long[]{0});
            TaskContext reader = new TaskContext(42, 0, 0, 1, 0, "exec-2", remote, Map.of());
            // A map output that cannot be served is a fetch failure, for the driver to recompute.
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(dev.spindle.shuffle.FetchFailedException.class,
                    () -> drain(ShuffleReader.read(5, List.of(missing), 0, reader)));
            assertTrue(e.getMessage().contains("cannot serve partition 0"), e.getMessage());
        }
    }

    /**
     * A reduce task's fetch from a block server through a relay that records the wire: with
     * {@code spindle.network.crypto.enabled} the records' text never crosses it in the clear, and the
     * task still reads every record; without, it does (so the relay sees what it should).
     */
    @Test
    void anEncryptedFetchCarriesNoPlaintext() throws Exception {
        String marker = "SHUFFLE-MARKER-quetzal-";
        for (boolean encrypt : new boolean[]{true, false}) {
            Path out = dir.resolve("crypto-" + encrypt);
            dev.spindle.security.AppSecret secret = dev.spindle.security.AppSecret.generate();
            try (dev.spindle.protocol.Transport transport = new dev.spindle.protocol.Transport("test", 1,
                    dev.spindle.protocol.TransportSecurity.of(secret, encrypt));
                 BlockServer server = new BlockServer(transport, out.toFile(), "127.0.0.1");
                 dev.spindle.protocol.TcpRelay relay = new dev.spindle.protocol.TcpRelay(server.port())) {
                ShuffleDependency<Integer, String, String> dep = new ShuffleDependency<>(2, dummy(),
                        new Partitioner.Hash(1), null, false, null);
                List<Pair<Integer, String>> records = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    records.add(Pair.of(i, marker + i));
                }
                TaskEnv writerEnv = new RemoteEnv(new Configuration(), out.toFile(), "127.0.0.1", null);
                MapStatus written = ShuffleWriter.write(dep, new TaskContext(50, 0, 0, 0, 0, "exec-1", writerEnv,
                        Map.of()), records.iterator());
                // The reduce task reaches the block server through the relay.
                MapStatus viaRelay = new MapStatus(written.executorId(), "127.0.0.1", relay.port(), written.block(),
                        written.dataFile(), written.partitionLengths(), written.checksums());
                TaskEnv remote = new RemoteEnv(new Configuration(), out.toFile(), "another-host",
                        new BlockFetcher(transport, 10_000));
                List<Pair<Object, Object>> got = drain(ShuffleReader.read(2, List.of(viaRelay), 0,
                        new TaskContext(51, 0, 0, 1, 0, "exec-2", remote, Map.of())));
                assertEquals(records.size(), got.size(), "encrypt=" + encrypt);
                assertEquals(!encrypt, relay.sawBytes(marker.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "encrypt=" + encrypt + ": the marker on the wire");
            }
        }
    }

    /**
     * A block server in {@code dir} reached through a relay that counts connections: map outputs written
     * here are read by reduce tasks of "another host" over the relay.
     */
    private static final class RelayedServer implements AutoCloseable {
        final dev.spindle.protocol.Transport transport = new dev.spindle.protocol.Transport("test", 1,
                dev.spindle.protocol.TransportSecurity.of(dev.spindle.security.AppSecret.generate(), false));
        final BlockServer server;
        final dev.spindle.protocol.TcpRelay relay;
        final Path dir;
        /** The reading executor's fetcher, shared by its reduce tasks as in an executor. */
        final BlockFetcher fetcher;

        RelayedServer(Path dir) throws java.io.IOException {
            this.dir = dir;
            this.server = new BlockServer(transport, dir.toFile(), "127.0.0.1");
            this.relay = new dev.spindle.protocol.TcpRelay(server.port());
            this.fetcher = new BlockFetcher(transport, 10_000);
        }

        /** Writes one map task's output; its status points reduce tasks at the relay. */
        <V> MapStatus write(ShuffleDependency<Integer, V, V> dep, int taskId, int map, List<Pair<Integer, V>> records)
                throws java.io.IOException {
            TaskEnv writerEnv = new RemoteEnv(new Configuration(), dir.toFile(), "127.0.0.1", null);
            MapStatus w = ShuffleWriter.write(dep, new TaskContext(taskId, 0, 0, 0, map, "exec-1", writerEnv, Map.of()),
                    records.iterator());
            return new MapStatus(w.executorId(), "127.0.0.1", relay.port(), w.block(), w.dataFile(),
                    w.partitionLengths(), w.checksums());
        }

        /** A reduce task on another host, fetching through the relay. */
        TaskContext reader(int taskId, int reducePartition) {
            TaskEnv remote = new RemoteEnv(new Configuration(), dir.toFile(), "another-host", fetcher);
            return new TaskContext(taskId, 0, 0, 1, reducePartition, "exec-2", remote, Map.of());
        }

        @Override
        public void close() throws java.io.IOException {
            fetcher.close();
            relay.close();
            server.close();
            transport.close();
        }
    }

    /**
     * A reduce task whose consumer stops after one record (a take after a shuffle) leaves its fetch
     * half-read: the task's end closes it, so no connection or network buffer outlives the task.
     */
    @Test
    void aFetchLeftHalfReadIsClosedWhenItsTaskEnds() throws Exception {
        try (RelayedServer served = new RelayedServer(dir.resolve("half-read"))) {
            ShuffleDependency<Integer, String, String> dep = new ShuffleDependency<>(3, dummy(), new Partitioner.Hash(1),
                    null, false, null);
            List<Pair<Integer, String>> records = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                records.add(Pair.of(i, "y".repeat(1000)));
            }
            MapStatus written = served.write(dep, 60, 0, records);
            assertTrue(written.partitionLengths()[0] > 4L * BlockServer.CHUNK_BYTES, "more than the chunks read ahead");
            TaskContext reader = served.reader(61, 0);
            Iterator<Pair<Object, Object>> it = ShuffleReader.read(3, List.of(written), 0, reader);
            assertEquals(0, it.next().key());
            assertEquals(0, served.relay.clientsEnded(), "the fetch is open while its task runs");

            reader.resources().closeAll(reader.taskId());
            awaitClientsEnded(served.relay, 1, "the task ended but its fetch's connection did not");
            assertEquals(0, served.fetcher.idleConnections(), "a connection left mid-block is not kept");
        }
    }

    /** Waits (at most 10 s) until the relay's clients have ended {@code n} connections. */
    private static void awaitClientsEnded(dev.spindle.protocol.TcpRelay relay, int n, String failure)
            throws InterruptedException {
        assertTrue(relay.awaitClientsEnded(n, 10_000), failure + " (" + relay.clientsEnded() + " of " + n + " ended)");
    }

    /**
     * A reduce task reading several outputs of another host fetches the next while it reads one: every
     * record comes once and in order. Two connections carry the four outputs (the one read and the one
     * ahead), kept for the executor's next task, which opens none; closing the fetcher closes them.
     */
    @Test
    void outputsOfAnotherHostAreFetchedOneAheadOnceEachOverKeptConnections() throws Exception {
        try (RelayedServer served = new RelayedServer(dir.resolve("ahead"))) {
            ShuffleDependency<Integer, String, String> dep = new ShuffleDependency<>(4, dummy(), new Partitioner.Hash(2),
                    null, false, null);
            List<MapStatus> outputs = new ArrayList<>();
            List<Pair<Object, Object>> expected = new ArrayList<>();
            for (int map = 0; map < 4; map++) {
                List<Pair<Integer, String>> records = new ArrayList<>();
                for (int i = 0; i < 400 * (map + 1); i++) {
                    records.add(Pair.of(2 * i, "m" + map + "-" + "z".repeat(i % 700)));
                }
                records.forEach(p -> expected.add(Pair.of(p.key(), p.value())));
                outputs.add(served.write(dep, 70 + map, map, records));
            }
            assertEquals(expected, drain(ShuffleReader.read(4, outputs, 0, served.reader(80, 0))),
                    "even keys all go to partition 0");
            assertEquals(2, served.relay.accepted(), "the output read and the one ahead, each on its connection");
            assertEquals(2, served.fetcher.idleConnections(), "both kept once their blocks were read");
            assertEquals(0, served.relay.clientsEnded());

            assertEquals(expected, drain(ShuffleReader.read(4, outputs, 0, served.reader(81, 0))),
                    "a second task reads the same outputs");
            assertEquals(2, served.relay.accepted(), "the next task reuses them");
            served.fetcher.close();
            awaitClientsEnded(served.relay, 2, "closing the fetcher closes the kept connections");
        }
    }

    /**
     * A kept connection the block server's side closed while idle, unknown to the fetcher when it lends
     * it: the block is asked for again on a new connection, and the task reads it whole.
     */
    @Test
    void aKeptConnectionLostBeforeItsRequestIsReplacedWithoutAFetchFailure() throws Exception {
        try (RelayedServer served = new RelayedServer(dir.resolve("lost-idle"))) {
            ShuffleDependency<Integer, String, String> dep = new ShuffleDependency<>(5, dummy(), new Partitioner.Hash(1),
                    null, false, null);
            List<Pair<Integer, String>> records = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                records.add(Pair.of(i, "w".repeat(i % 500)));
            }
            MapStatus written = served.write(dep, 90, 0, records);
            assertEquals(records.size(), drain(ShuffleReader.read(5, List.of(written), 0, served.reader(91, 0))).size());
            assertEquals(1, served.fetcher.idleConnections());

            served.relay.cutOpenConnectionsOnNextSend();
            List<Pair<Object, Object>> again = drain(ShuffleReader.read(5, List.of(written), 0, served.reader(92, 0)));
            assertEquals(records.size(), again.size());
            assertEquals(Pair.of(1999, "w".repeat(1999 % 500)), again.get(again.size() - 1));
            assertEquals(2, served.relay.accepted(), "the lost connection, then a new one");
        }
    }

    @Test
    void readingAnotherHostsOutputSaysSo() throws Exception {
        MapStatus elsewhere = new MapStatus("9", "other-host", 0, "map_0_1", dir.resolve("x.data").toString(),
                new long[]{5}, new long[]{0});
        Iterator<Pair<Object, Object>> it = ShuffleReader.read(1, List.of(elsewhere), 0, task(1, 0, Map.of()));
        dev.spindle.shuffle.FetchFailedException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.spindle.shuffle.FetchFailedException.class, it::hasNext);
        assertTrue(e.getMessage().contains("other-host"), e.getMessage());
        assertEquals(1, e.shuffleId());
        assertEquals(0, e.mapPartition());
        assertEquals("9", e.mapExecutorId());
    }

    private record ModSix() implements Partitioner {
        @Override
        public int numPartitions() {
            return 7;
        }

        @Override
        public int partition(Object key) {
            return (Integer) key % 6;
        }
    }

    /** A parent the writer never looks at: it is given the records directly. */
    @SuppressWarnings("unchecked")
    private static <K, V> Lineage<Pair<K, V>> dummy() {
        return (Lineage<Pair<K, V>>) (Lineage<?>) new Lineage<Object>() {
            @Override
            public List<? extends dev.spindle.task.Partition> partitions() {
                return List.of();
            }

            @Override
            public Iterator<Object> compute(dev.spindle.task.Partition p, TaskContext t) {
                return List.of().iterator();
            }
        };
    }
}
