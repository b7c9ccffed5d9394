package dev.spindle.lineage;

import dev.spindle.Pair;
import dev.spindle.shuffle.BlockFetcher;
import dev.spindle.shuffle.Compression;
import dev.spindle.shuffle.FetchFailedException;
import dev.spindle.shuffle.MapStatus;
import dev.spindle.shuffle.RecordReader;
import dev.spindle.shuffle.ShuffleFiles;
import dev.spindle.shuffle.VerifyingInputStream;
import dev.spindle.task.TaskContext;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The reduce side of a shuffle: streams one reduce partition's records out of every map task's output,
 * one map output at a time, never holding a whole block in memory.
 */
public final class ShuffleReader {
    private static final Object END = new Object();
    private static final int READ_BUFFER = 64 * 1024;

    private ShuffleReader() {
    }

    /**
     * The records of {@code reducePartition} from all of {@code outputs} (indexed by map partition), map
     * output by map output. A map output that cannot be opened or read whole throws a
     * {@link FetchFailedException} naming it, so the driver recomputes it instead of retrying this task.
     */
    public static Iterator<Pair<Object, Object>> read(int shuffleId, List<MapStatus> outputs, int reducePartition,
                                                      TaskContext task) {
        return read(shuffleId, outputs, reducePartition, task, false);
    }

    /** As {@link #read(int, List, int, TaskContext)}, decompressing when the map outputs are {@code compressed}. */
    public static Iterator<Pair<Object, Object>> read(int shuffleId, List<MapStatus> outputs, int reducePartition,
                                                      TaskContext task, boolean compressed) {
        List<Integer> nonEmpty = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            MapStatus m = outputs.get(i);
            if (m == null) {
                throw new IllegalStateException("map output " + i + " of shuffle " + shuffleId + " is not registered");
            }
            if (m.partitionLengths()[reducePartition] > 0) {
                nonEmpty.add(i);
            }
        }
        Records records = new Records(shuffleId, outputs, nonEmpty, reducePartition, task, compressed);
        // A consumer that stops early leaves a stream open: it is closed when the task ends.
        task.resources().closeAtEnd(records);
        return records;
    }

    /**
     * The records of one reduce partition, map output after map output. While one is read, the fetch of
     * the next one from another host is under way already (its connection, handshake and first chunks):
     * a reduce task reading many small remote outputs would otherwise wait for each one's start in turn.
     * {@link #close} ends the open stream and the one fetched ahead.
     */
    private static final class Records implements Iterator<Pair<Object, Object>>, AutoCloseable {
        private final int shuffleId;
        private final List<MapStatus> outputs;
        private final List<Integer> nonEmpty;
        private final int reducePartition;
        private final TaskContext task;
        private final boolean compressed;
        private final ClassLoader loader = Thread.currentThread().getContextClassLoader();
        private int next;
        private int current = -1;
        private InputStream in;
        private RecordReader reader;
        private Object key = END;
        /** The next output's fetch, started ahead, and which output it is (-1: none). */
        private InputStream ahead;
        private int aheadOf = -1;
        /** Why the fetch ahead could not start: thrown when that output's turn comes. */
        private IOException aheadFailed;

        Records(int shuffleId, List<MapStatus> outputs, List<Integer> nonEmpty, int reducePartition, TaskContext task,
                boolean compressed) {
            this.shuffleId = shuffleId;
            this.outputs = outputs;
            this.nonEmpty = nonEmpty;
            this.reducePartition = reducePartition;
            this.task = task;
            this.compressed = compressed;
        }

        @Override
        public boolean hasNext() {
            try {
                while (key == END) {
                    if (reader != null) {
                        key = reader.readOrEnd(END);
                        if (key != END) {
                            return true;
                        }
                        closeCurrent();
                    }
                    if (next == nonEmpty.size()) {
                        return false;
                    }
                    current = nonEmpty.get(next++);
                    in = openCurrent();
                    fetchAhead();
                    if (compressed) {
                        in = Compression.decompress(in);
                    }
                    // The reader's buffer is the only one between the file or socket and the records.
                    reader = new RecordReader(in, loader, READ_BUFFER);
                }
                return true;
            } catch (IOException e) {
                throw lost(e);
            }
        }

        @Override
        public Pair<Object, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                Object k = key;
                key = END;
                return new Pair<>(k, reader.read());
            } catch (IOException e) {
                throw lost(e);
            }
        }

        private InputStream openCurrent() throws IOException {
            if (aheadOf != current) {
                return open(shuffleId, outputs.get(current), reducePartition, task);
            }
            InputStream s = ahead;
            IOException failed = aheadFailed;
            ahead = null;
            aheadFailed = null;
            aheadOf = -1;
            if (failed != null) {
                throw failed;
            }
            return s;
        }

        /** Starts fetching the output after the current one, when it is on another host. */
        private void fetchAhead() {
            if (next == nonEmpty.size()) {
                return;
            }
            int following = nonEmpty.get(next);
            if (isLocal(outputs.get(following), task)) {
                return;
            }
            aheadOf = following;
            try {
                ahead = open(shuffleId, outputs.get(following), reducePartition, task);
            } catch (IOException e) {
                aheadFailed = e;
            }
        }

        private void closeCurrent() throws IOException {
            InputStream open = in;
            in = null;
            reader = null;
            if (open != null) {
                open.close();
            }
        }

        /** Ends the stream being read and the one fetched ahead. */
        @Override
        public void close() throws IOException {
            InputStream fetched = ahead;
            ahead = null;
            aheadOf = -1;
            try {
                closeCurrent();
            } finally {
                if (fetched != null) {
                    fetched.close();
                }
            }
        }

        private FetchFailedException lost(IOException e) {
            try {
                close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            return new FetchFailedException(shuffleId, current, outputs.get(current), e);
        }
    }

    /** Whether a map output is read from this host's disk rather than fetched from its executor. */
    private static boolean isLocal(MapStatus m, TaskContext task) {
        return m.host().equals(task.env().host()) && (task.env().localShuffleReads() || m.port() == 0);
    }

    /** A plain file read when the output is on this host, else a fetch from the executor that wrote it. */
    private static InputStream open(int shuffleId, MapStatus m, int reducePartition, TaskContext task)
            throws IOException {
        long length = m.partitionLengths()[reducePartition];
        boolean local = isLocal(m, task);
        task.metrics().shuffleRead(length, !local);
        String what = "partition " + reducePartition + " of map output " + m.block() + " of shuffle " + shuffleId;
        long crc = m.checksums()[reducePartition];
        if (local) {
            // The data file holds the partitions in order: the map status's lengths place this one.
            long offset = 0;
            for (int r = 0; r < reducePartition; r++) {
                offset += m.partitionLengths()[r];
            }
            return ShuffleFiles.openVerifiedSegment(new File(m.dataFile()), offset, length, length, crc, what);
        }
        BlockFetcher fetcher = task.env().fetcher();
        if (m.port() == 0 || fetcher == null) {
            throw new IOException("map output " + m.block() + " of shuffle " + shuffleId + " is on host " + m.host()
                    + " with no block server, and this task runs on " + task.env().host());
        }
        return new VerifyingInputStream(fetcher.fetch(m.host(), m.port(), shuffleId, m.block(), reducePartition), length,
                crc, what);
    }
}
