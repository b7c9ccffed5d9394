package dev.spindle.shuffle;

import dev.spindle.Pair;
import dev.spindle.internal.TaskContext;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    private ShuffleReader() {
    }

    /** The records of {@code reducePartition} from all of {@code outputs}, map output by map output. */
    public static Iterator<Pair<Object, Object>> read(List<MapStatus> outputs, int reducePartition, TaskContext task) {
        List<MapStatus> nonEmpty = new ArrayList<>();
        for (MapStatus m : outputs) {
            if (m.partitionLengths()[reducePartition] > 0) {
                nonEmpty.add(m);
            }
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new Iterator<>() {
            private int next;
            private InputStream in;
            private RecordReader reader;
            private Object key = END;

            @Override
            public boolean hasNext() {
                try {
                    while (key == END) {
                        if (reader != null) {
                            key = reader.readOrEnd(END);
                            if (key != END) {
                                return true;
                            }
                            in.close();
                            reader = null;
                        }
                        if (next == nonEmpty.size()) {
                            return false;
                        }
                        in = open(nonEmpty.get(next++), reducePartition, task);
                        reader = new RecordReader(in, loader);
                    }
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
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
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static InputStream open(MapStatus m, int reducePartition, TaskContext task) throws IOException {
        if (!m.host().equals(task.env().host())) {
            throw new IOException("map output " + m.dataFile() + " is on host " + m.host() + " and this executor is on "
                    + task.env().host() + ": fetching shuffle blocks from other hosts is not implemented yet");
        }
        File data = new File(m.dataFile());
        long[] segment = ShuffleFiles.segment(data, reducePartition);
        task.metrics().shuffleRead(segment[1]);
        return ShuffleFiles.openSegment(data, segment[0], segment[1]);
    }
}
