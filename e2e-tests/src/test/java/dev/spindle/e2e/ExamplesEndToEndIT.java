package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PageRank, Join and TopWords examples on the embedded YARN + HDFS cluster in both deploy modes,
 * each against a single-process reference written here: cached links joined with ranks every
 * iteration, a left outer join of orders with customers, a broadcast stop-word list and an accumulator.
 */
@SpindleClusterTest(blockSize = 64 * 1024)
class ExamplesEndToEndIT {
    private static final String LINKS = "/data/examples/links";
    private static final String ORDERS = "/data/examples/orders";
    private static final String CUSTOMERS = "/data/examples/customers";
    private static final String TEXT = "/data/examples/text";
    private static final String STOP = "/data/examples/stopwords";

    private static final List<String> LINK_LINES = new ArrayList<>();
    private static final List<String> ORDER_LINES = new ArrayList<>();
    private static final List<String> CUSTOMER_LINES = new ArrayList<>();
    private static final List<String> TEXT_LINES = new ArrayList<>();

    @BeforeAll
    static void data(EmbeddedCluster cluster) throws Exception {
        SplittableRandom rnd = new SplittableRandom(12);
        // 300 pages, skewed in-links (page 0 is popular), duplicate links, and lines that are not links.
        for (int i = 0; i < 6000; i++) {
            int from = rnd.nextInt(300);
            int to = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(300);
            LINK_LINES.add("p" + from + " p" + to);
            if (i % 997 == 0) {
                LINK_LINES.add("a line that is not a link");
                LINK_LINES.add("p" + from + " p" + to);
            }
        }
        String[] countries = {"FR", "DE", "JP", "BR", "NG", "US"};
        for (int c = 0; c < 500; c++) {
            CUSTOMER_LINES.add("c" + c + ",Customer " + c + "," + countries[c % countries.length]);
        }
        for (int o = 0; o < 20_000; o++) {
            // Customers c500..c519 are unknown; c0 places a tenth of all orders.
            int customer = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(520);
            ORDER_LINES.add("o" + o + ",c" + customer + "," + rnd.nextInt(1, 100_000));
        }
        String[] vocabulary = {"The", "spindle", "turns;", "and", "the", "yarn", "is", "spun", "Hadoop's", "threads",
                "of", "data", "run", "fast", "Ünïcode", "ends."};
        for (int l = 0; l < 8000; l++) {
            if (l % 50 == 0) {
                TEXT_LINES.add("   ");
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                line.append(vocabulary[(int) Math.min(vocabulary.length - 1, Math.abs(rnd.nextGaussian()) * 5)])
                        .append(w % 5 == 4 ? ", " : " ");
            }
            TEXT_LINES.add(line.toString());
        }
        FileSystem fs = cluster.fileSystem();
        write(fs, LINKS, LINK_LINES);
        write(fs, ORDERS, ORDER_LINES);
        write(fs, CUSTOMERS, CUSTOMER_LINES);
        write(fs, TEXT, TEXT_LINES);
        write(fs, STOP, List.of("the", "and", "is", "of"));
    }

    private static void write(FileSystem fs, String path, List<String> lines) throws Exception {
        try (FSDataOutputStream out = fs.create(new Path(path))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> readParts(FileSystem fs, String dir) throws Exception {
        FileStatus[] parts = fs.globStatus(new Path(dir, "part-*"));
        Arrays.sort(parts, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        List<String> lines = new ArrayList<>();
        for (FileStatus p : parts) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p.getPath()), StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            }
        }
        return lines;
    }

    private static Submitter.Run run(EmbeddedCluster cluster, String mode, String mainClass, String... jobArgs)
            throws Exception {
        // "kryo": client mode, records of the job's own types (the join's Totals) written with Kryo.
        List<String> args = new ArrayList<>(List.of("--deploy-mode", mode.equals("kryo") ? "client" : mode,
                "--conf", "spindle.default.parallelism=4", "--conf",
                "spindle.serializer=" + (mode.equals("kryo") ? "kryo" : "java"),
                "--class", mainClass, Submitter.EXAMPLES_JAR));
        args.addAll(Arrays.asList(jobArgs));
        Submitter.Run run = new Submitter(cluster).submit(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void pageRankMatchesASingleProcessReference(String mode, EmbeddedCluster cluster) throws Exception {
        String out = "/out/pagerank-" + mode;
        Submitter.Run run = run(cluster, mode, "dev.spindle.examples.PageRank", LINKS, out, "8");
        Map<String, Double> got = new HashMap<>();
        for (String line : readParts(cluster.fileSystem(), out)) {
            String[] f = line.split("\t");
            got.put(f[0], Double.parseDouble(f[1]));
        }
        Map<String, Double> want = pageRank(LINK_LINES, 8);
        assertEquals(want.keySet(), got.keySet());
        for (Map.Entry<String, Double> e : want.entrySet()) {
            assertEquals(e.getValue(), got.get(e.getKey()), 1e-9 * e.getValue(), "rank of " + e.getKey());
        }
        if (mode.equals("client")) {
            assertTrue(run.jobOut().contains("p0 has rank"), run.jobOut());
            // Every iteration's join reads the cached links in the executors that hold them.
            assertTrue(run.out().contains("process-local="), run.out());
        }
    }

    /** Spark's JavaPageRank, in one process. */
    private static Map<String, Double> pageRank(List<String> lines, int iterations) {
        Map<String, LinkedHashSet<String>> links = new HashMap<>();
        for (String l : lines) {
            String[] f = l.trim().split("\\s+");
            if (f.length == 2) {
                links.computeIfAbsent(f[0], k -> new LinkedHashSet<>()).add(f[1]);
            }
        }
        Map<String, Double> ranks = new HashMap<>();
        links.keySet().forEach(k -> ranks.put(k, 1.0));
        for (int i = 0; i < iterations; i++) {
            Map<String, Double> sums = new HashMap<>();
            for (Map.Entry<String, LinkedHashSet<String>> e : links.entrySet()) {
                Double rank = ranks.get(e.getKey());
                if (rank == null) {
                    continue;
                }
                for (String to : e.getValue()) {
                    sums.merge(to, rank / e.getValue().size(), Double::sum);
                }
            }
            ranks.clear();
            sums.forEach((k, v) -> ranks.put(k, 0.15 + 0.85 * v));
        }
        return ranks;
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster", "kryo"})
    void joinReportsEveryOrderUnderItsCustomersCountry(String mode, EmbeddedCluster cluster) throws Exception {
        String out = "/out/join-" + mode;
        Submitter.Run run = run(cluster, mode, "dev.spindle.examples.Join", ORDERS, CUSTOMERS, out);
        Map<String, String> country = new HashMap<>();
        for (String c : CUSTOMER_LINES) {
            String[] f = c.split(",");
            country.put(f[0], f[2]);
        }
        TreeMap<String, long[]> want = new TreeMap<>();
        long unknown = 0;
        for (String o : ORDER_LINES) {
            String[] f = o.split(",");
            String where = country.getOrDefault(f[1], "(unknown customer)");
            unknown += where.startsWith("(") ? 1 : 0;
            long[] t = want.computeIfAbsent(where, k -> new long[2]);
            t[0]++;
            t[1] += Long.parseLong(f[2]);
        }
        List<String> expected = new ArrayList<>();
        want.forEach((k, v) -> expected.add(k + "\t" + v[0] + "\t" + v[1]));
        assertEquals(expected, readParts(cluster.fileSystem(), out), "one file, sorted by country");
        assertTrue(unknown > 0, "the data has orders of unknown customers");
        if (!mode.equals("cluster")) {
            assertTrue(run.jobOut().contains(unknown + " orders had no known customer"), run.jobOut());
        }
    }

    @org.junit.jupiter.api.Test
    void kryoWithRegistrationRequiredRefusesAnUnregisteredRecordClassByName(EmbeddedCluster cluster) throws Exception {
        // The join's shuffle carries the job's own Totals records: with registration required and none
        // registered, executors that write them with Kryo must refuse, naming the class.
        Submitter.Run run = new Submitter(cluster).submit("--conf", "spindle.serializer=kryo", "--conf",
                "spindle.kryo.registrationRequired=true", "--conf", "spindle.task.maxFailures=1", "--class",
                "dev.spindle.examples.Join", Submitter.EXAMPLES_JAR, ORDERS, CUSTOMERS, "/out/join-unregistered");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("Join$Totals") && run.err().contains("spindle.kryo.classesToRegister"),
                run.err());
        assertTrue(!cluster.fileSystem().exists(new Path("/out/join-unregistered")), "a failed job leaves no output");
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void topWordsLeavesOutTheBroadcastStopWordsAndCountsBlankLines(String mode, EmbeddedCluster cluster)
            throws Exception {
        String out = "/out/topwords-" + mode;
        Submitter.Run run = run(cluster, mode, "dev.spindle.examples.TopWords", TEXT, out, "5", STOP);
        Set<String> stop = Set.of("the", "and", "is", "of");
        Map<String, Long> counts = new HashMap<>();
        long blank = 0;
        for (String line : TEXT_LINES) {
            blank += line.isBlank() ? 1 : 0;
            for (String w : line.split("[^\\p{L}\\p{N}']+")) {
                String word = w.toLowerCase(Locale.ROOT);
                if (!word.isEmpty() && !stop.contains(word)) {
                    counts.merge(word, 1L, Long::sum);
                }
            }
        }
        List<String> expected = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(e -> e.getKey() + "\t" + e.getValue()).toList();
        assertEquals(expected, readParts(cluster.fileSystem(), out));
        if (mode.equals("client")) {
            assertTrue(run.jobOut().contains("4 stop words left out, " + blank + " blank lines skipped"), run.jobOut());
        }
    }
}
