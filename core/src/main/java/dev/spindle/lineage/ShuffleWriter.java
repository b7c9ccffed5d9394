package dev.spindle.lineage;

import dev.spindle.Pair;
import dev.spindle.shuffle.Aggregator;
import dev.spindle.shuffle.CombineMap;
import dev.spindle.shuffle.Compression;
import dev.spindle.shuffle.MapStatus;
import dev.spindle.shuffle.Partitioner;
import dev.spindle.shuffle.PartitionedOutput;
import dev.spindle.shuffle.RecordWriter;
import dev.spindle.shuffle.SpillableCombiner;
import dev.spindle.task.TaskContext;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Iterator;

/**
 * The map side of a shuffle: partitions a task's records by key, combining values first where the
 * dependency allows, and writes them to the shuffle file format ({@link dev.spindle.shuffle.ShuffleFiles})
 * through a {@link PartitionedOutput}, which gathers each reduce partition's bytes and writes the data
 * file once (spilling if memory is short); the combine map is flushed whenever the executor's memory budget refuses it room to grow (its
 * size estimated in bytes from a sample of its entries), so memory stays bounded whatever the number
 * and size of distinct keys (reducers merge the partial combiners).
 */
public final class ShuffleWriter {
    private ShuffleWriter() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <K, V, C> MapStatus write(ShuffleDependency<K, V, C> dep, TaskContext task,
                                            Iterator<Pair<K, V>> records) throws IOException {
        File dir = new File(task.env().shuffleDir(), "shuffle_" + dep.shuffleId());
        Files.createDirectories(dir.toPath());
        String base = "map_" + task.partition() + "_" + task.taskId();
        Partitioner partitioner = dep.partitioner();
        int n = partitioner.numPartitions();
        OutputStream[] streams = new OutputStream[n];
        RecordWriter[] writers = new RecordWriter[n];
        try (PartitionedOutput output = new PartitionedOutput(dir, base, n, task.memory())) {
            for (int r = 0; r < n; r++) {
                // Compressed above the checksum: readers verify the bytes as stored before decompressing.
                streams[r] = dep.compressed() ? Compression.compress(output.partition(r)) : output.partition(r);
                writers[r] = new RecordWriter(streams[r]);
            }
            if (dep.mapSideCombine()) {
                Aggregator<V, C> agg = dep.aggregator();
                CombineMap<C> combiners = new CombineMap<>();
                long acquired = 0;
                int sinceCheck = 0;
                while (records.hasNext()) {
                    Pair<K, V> rec = records.next();
                    combiners.addValue(agg, rec.key(), rec.value());
                    if (++sinceCheck == SpillableCombiner.CHECK_EVERY) {
                        sinceCheck = 0;
                        long estimate = SpillableCombiner.estimateBytes(combiners);
                        if (estimate > acquired) {
                            long want = 2 * estimate - acquired;
                            if (task.memory().tryAcquire(want)) {
                                acquired += want;
                            } else {
                                flush(combiners, partitioner, writers);
                                task.memory().release(acquired);
                                acquired = 0;
                            }
                        }
                    }
                }
                flush(combiners, partitioner, writers);
                task.memory().release(acquired);
            } else {
                while (records.hasNext()) {
                    Pair<K, V> rec = records.next();
                    RecordWriter w = writers[partitioner.partition(rec.key())];
                    w.write(rec.key());
                    w.write(rec.value());
                }
            }
            for (int r = 0; r < n; r++) {
                writers[r].flush();
                // Ends a compressed stream's last frame; the partition stream itself ignores close.
                streams[r].close();
            }
            File data = new File(dir, base + ".data");
            long[] lengths = output.commit(data);
            task.metrics().shuffleWritten(java.util.Arrays.stream(lengths).sum());
            return new MapStatus(task.executorId(), task.env().host(), task.env().blockPort(), base, data.getPath(),
                    lengths, output.checksums());
        }
    }

    private static <C> void flush(CombineMap<C> combiners, Partitioner partitioner, RecordWriter[] writers)
            throws IOException {
        combiners.forEach((key, combiner) -> {
            RecordWriter w = writers[partitioner.partition(key)];
            w.write(key);
            w.write(combiner);
        });
        combiners.clear();
    }
}
