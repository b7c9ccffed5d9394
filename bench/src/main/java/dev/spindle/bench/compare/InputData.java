package dev.spindle.bench.compare;

import dev.spindle.bench.data.Digest;
import dev.spindle.bench.data.TeraRecords;
import dev.spindle.bench.data.ZipfText;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a comparison's inputs to HDFS once, with fixed seeds, and remembers the right answers:
 * the text for WordCount with its true word counts, the records for Sort with their digest. Inputs
 * are split into files of at most one HDFS block (128 MiB), and at least two, so every system sees
 * the same splits.
 */
public final class InputData {
    public static final long SEED = 20261122L;
    private static final long MAX_FILE = 128L << 20;
    private static final int VOCABULARY = 20_000;

    private final String textDir;
    private final String recordsDir;
    private final Digest wordCountAnswer;
    private final Digest recordsDigest;
    private final long bytes;

    private InputData(String textDir, String recordsDir, Digest wordCountAnswer, Digest recordsDigest, long bytes) {
        this.textDir = textDir;
        this.recordsDir = recordsDir;
        this.wordCountAnswer = wordCountAnswer;
        this.recordsDigest = recordsDigest;
        this.bytes = bytes;
    }

    /** Generates {@code bytes} of text and about as many bytes of records under {@code root}. */
    public static InputData generate(FileSystem fs, Path root, long bytes, short replication)
            throws IOException, InterruptedException {
        int files = (int) Math.max(2, (bytes + MAX_FILE - 1) / MAX_FILE);
        long perFile = bytes / files;
        Path text = new Path(root, "text");
        Path records = new Path(root, "records");
        fs.delete(root, true);
        ZipfText gen = new ZipfText(SEED, VOCABULARY);
        long rowsPerFile = Math.max(1, perFile / TeraRecords.RECORD);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<long[]>> counts = new ArrayList<>();
            List<Future<Digest>> digests = new ArrayList<>();
            for (int i = 0; i < files; i++) {
                int part = i;
                Path textFile = new Path(text, String.format("part-%05d", part));
                counts.add(pool.submit(() -> {
                    long[] c = new long[gen.vocabularySize()];
                    try (OutputStream out = create(fs, textFile, replication)) {
                        gen.writePart(out, perFile, part, c);
                    }
                    return c;
                }));
                Path recordFile = new Path(records, String.format("part-%05d", part));
                digests.add(pool.submit(() -> {
                    Digest.Builder d = new Digest.Builder();
                    try (OutputStream out = create(fs, recordFile, replication)) {
                        TeraRecords.writeRows(out, part * rowsPerFile, rowsPerFile, SEED, d);
                    }
                    return d.build();
                }));
            }
            long[] total = new long[gen.vocabularySize()];
            Digest recordsDigest = Digest.EMPTY;
            for (int i = 0; i < files; i++) {
                long[] c = counts.get(i).get();
                for (int w = 0; w < total.length; w++) {
                    total[w] += c[w];
                }
                recordsDigest = recordsDigest.plus(digests.get(i).get());
            }
            return new InputData(text.toString(), records.toString(),
                    ZipfText.wordCountDigest(gen.countsByWord(total)), recordsDigest, bytes);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("generating the inputs failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static OutputStream create(FileSystem fs, Path file, short replication) throws IOException {
        FSDataOutputStream out = fs.create(file, replication);
        return new BufferedOutputStream(out, 1 << 20);
    }

    public String input(Workload w) {
        return switch (w) {
            case WORDCOUNT -> textDir;
            case SORT -> recordsDir;
            case EMPTY -> null;
        };
    }

    /** The digest a right output of {@code w} has (null for the empty job, which writes none). */
    public Digest answer(Workload w) {
        return switch (w) {
            case WORDCOUNT -> wordCountAnswer;
            case SORT -> recordsDigest;
            case EMPTY -> null;
        };
    }

    public long bytes() {
        return bytes;
    }
}
