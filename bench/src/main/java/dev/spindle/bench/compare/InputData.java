package dev.spindle.bench.compare;

import dev.spindle.bench.data.Digest;
import dev.spindle.bench.data.LinksAndOrders;
import dev.spindle.bench.data.OutputChecksum;
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
 * the text for WordCount with its true word counts, the records for Sort with their digest, a link
 * graph (half the size) with its PageRank, and orders (half the size) and customers with the join's
 * report. Inputs are split into files of at most one HDFS block (128 MiB), and at least two, so every
 * system sees the same splits.
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
    private String linksDir;
    private String ordersDir;
    private String customersFile;
    private double[] ranks;
    private Digest joinAnswer;

    private InputData(String textDir, String recordsDir, Digest wordCountAnswer, Digest recordsDigest, long bytes) {
        this.textDir = textDir;
        this.recordsDir = recordsDir;
        this.wordCountAnswer = wordCountAnswer;
        this.recordsDigest = recordsDigest;
        this.bytes = bytes;
    }

    /** The link graph, with its ranks, beside the text and records. */
    private void generateGraph(FileSystem fs, Path root, int files, short replication) throws IOException {
        int[][] links = LinksAndOrders.links(bytes / 2, SEED);
        Path linksPath = new Path(root, "links");
        int n = links[0].length;
        for (int f = 0; f < files; f++) {
            try (OutputStream out = create(fs, new Path(linksPath, String.format("part-%05d", f)), replication)) {
                LinksAndOrders.writeLinks(links, (int) ((long) n * f / files), (int) ((long) n * (f + 1) / files), out);
            }
        }
        ranks = LinksAndOrders.pageRank(links, Workload.PAGERANK_ITERATIONS);
        linksDir = linksPath.toString();
    }

    /** The orders and the customers, with the join's report, beside the text and records. */
    private void generateOrders(FileSystem fs, Path root, int files, short replication) throws IOException {
        List<String> customers = LinksAndOrders.customers(10_000);
        Path ordersPath = new Path(root, "orders");
        List<String> reportLines = LinksAndOrders.writeOrders(bytes / 2, customers, SEED + 1, files,
                f -> create(fs, new Path(ordersPath, String.format("part-%05d", f)), replication));
        Path customersPath = new Path(root, "customers");
        try (OutputStream out = create(fs, customersPath, replication)) {
            for (String l : customers) {
                out.write((l + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        Digest.Builder report = new Digest.Builder();
        for (String line : reportLines) {
            report.add(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        joinAnswer = report.build();
        ordersDir = ordersPath.toString();
        customersFile = customersPath.toString();
    }

    /** "ok", or how a PageRank output differs from the ranks computed here (beyond rounding). */
    public String checkRanks(FileSystem fs, Path output) throws IOException {
        long pages = 0;
        for (double r : ranks) {
            pages += Double.isNaN(r) ? 0 : 1;
        }
        java.util.BitSet seen = new java.util.BitSet(ranks.length);
        long got = 0;
        for (Path part : OutputChecksum.parts(fs, output)) {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(fs.open(part),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = line.split("\t");
                    if (f.length != 2 || !f[0].matches("p[0-9]{1,9}")) {
                        return "wrong answer: a line that is not page<TAB>rank: " + line;
                    }
                    int page = Integer.parseInt(f[0].substring(1));
                    double expected = page < ranks.length ? ranks[page] : Double.NaN;
                    if (Double.isNaN(expected) || seen.get(page)) {
                        return "wrong answer: " + (Double.isNaN(expected) ? "a rank of a page without one: "
                                : "a page ranked twice: ") + line;
                    }
                    seen.set(page);
                    got++;
                    double g = Double.parseDouble(f[1]);
                    if (Math.abs(g - expected) > 1e-9 * Math.max(1, expected)) {
                        return "wrong answer: rank of " + f[0] + " is " + g + ", expected " + expected;
                    }
                }
            }
        }
        if (got != pages) {
            return "wrong answer: ranks of " + got + " pages, expected " + pages;
        }
        return "ok";
    }

    /**
     * Generates {@code bytes} of text and about as many bytes of records under {@code root}, and the
     * link graph or the orders only when {@code workloads} read them.
     */
    public static InputData generate(FileSystem fs, Path root, long bytes, short replication,
            java.util.Collection<Workload> workloads) throws IOException, InterruptedException {
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
            InputData data = new InputData(text.toString(), records.toString(),
                    ZipfText.wordCountDigest(gen.countsByWord(total)), recordsDigest, bytes);
            if (workloads.contains(Workload.PAGERANK) || workloads.contains(Workload.PAGERANK_NOCACHE)) {
                data.generateGraph(fs, root, files, replication);
            }
            if (workloads.contains(Workload.JOIN)) {
                data.generateOrders(fs, root, files, replication);
            }
            return data;
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

    /** What {@code w} reads: a path, or for the join the orders' and the customers' separated by a space. */
    public String input(Workload w) {
        return switch (w) {
            case WORDCOUNT -> textDir;
            case SORT -> recordsDir;
            case EMPTY -> null;
            case PAGERANK, PAGERANK_NOCACHE -> linksDir;
            case JOIN -> ordersDir + " " + customersFile;
        };
    }

    /**
     * The digest a right output of {@code w} has: null for the empty job, which writes none, and for
     * PageRank, whose floating-point sums differ in their last bits between systems ({@link #checkRanks}).
     */
    public Digest answer(Workload w) {
        return switch (w) {
            case WORDCOUNT -> wordCountAnswer;
            case SORT -> recordsDigest;
            case EMPTY, PAGERANK, PAGERANK_NOCACHE -> null;
            case JOIN -> joinAnswer;
        };
    }

    public long bytes() {
        return bytes;
    }
}
