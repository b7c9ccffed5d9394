package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jobs that read multi-block text from HDFS and commit output to it. */
@SpindleClusterTest(blockSize = 1024 * 1024)
class HdfsInputEndToEndIT {
    private static final String INPUT = "/data/text";
    private static List<String> lines;

    /** About 3.5 MiB of text in two files, every line distinct, with terminators of all three kinds. */
    @BeforeAll
    static void writeInput(EmbeddedCluster cluster) throws Exception {
        FileSystem fs = cluster.fileSystem();
        lines = new ArrayList<>();
        Random rnd = new Random(7);
        String[] words = {"spindle", "yarn", "hdfs", "block", "split", "ünïcödé", "日本", "shuffle"};
        for (int f = 0; f < 2; f++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int n = 0;
            while (bytes.size() < 1_800_000) {
                StringBuilder line = new StringBuilder("f" + f + "-line" + n++);
                int len = rnd.nextInt(40);
                for (int w = 0; w < len; w++) {
                    line.append(' ').append(words[rnd.nextInt(words.length)]);
                }
                lines.add(line.toString());
                bytes.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
                bytes.writeBytes((n % 3 == 0 ? "\r\n" : n % 3 == 1 ? "\n" : "\r").getBytes(StandardCharsets.UTF_8));
            }
            try (FSDataOutputStream out = fs.create(new Path(INPUT, "part-" + f + ".txt"))) {
                out.write(bytes.toByteArray());
            }
        }
        assertTrue(fs.getFileStatus(new Path(INPUT, "part-0.txt")).getLen() > 1024 * 1024, "several blocks per file");
    }

    private static List<String> readOutput(EmbeddedCluster cluster, String out) throws Exception {
        FileSystem fs = cluster.fileSystem();
        FileStatus[] files = fs.listStatus(new Path(out));
        List<String> names = Arrays.stream(files).map(s -> s.getPath().getName()).sorted().toList();
        assertTrue(names.contains("_SUCCESS"), names.toString());
        List<String> result = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith("part-")) {
                try (var in = fs.open(new Path(out, name))) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (!text.isEmpty()) {
                        result.addAll(Arrays.asList(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1));
                    }
                }
            }
        }
        return result;
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void grepReadsEveryLineOnceAcrossBlocksAndCommitsItsOutput(String mode, EmbeddedCluster cluster) throws Exception {
        String out = "/out/grep-" + mode;
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", mode, "--class",
                "dev.spindle.examples.Grep", Submitter.EXAMPLES_JAR, INPUT, out, "spindle|日本");
        assertEquals(0, run.exitCode(), run.err());
        List<String> expected = lines.stream().filter(l -> l.contains("spindle") || l.contains("日本")).toList();
        assertEquals(expected, readOutput(cluster, out));
        assertTrue(run.result().summary().tasks() >= 4, "one task per block: " + run.result().summary());
        assertFalse(cluster.fileSystem().exists(new Path(out, "_temporary")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client reduce", "cluster reduce", "client group", "network reduce"})
    void wordCountEqualsASingleProcessCount(String modes, EmbeddedCluster cluster) throws Exception {
        // "network": every shuffle block fetched from the executor that wrote it, as across hosts.
        boolean network = modes.startsWith("network");
        String mode = network ? "client" : modes.split(" ")[0];
        String op = modes.split(" ")[1];
        String out = "/out/wordcount-" + modes.replace(' ', '-');
        Submitter.Run run = new Submitter(cluster).submit("--deploy-mode", mode, "--conf",
                "spindle.shuffle.localRead=" + !network, "--num-executors", "2", "--class",
                "dev.spindle.examples.WordCount", Submitter.EXAMPLES_JAR, INPUT, out, op);
        assertEquals(0, run.exitCode(), run.err());

        java.util.Map<String, Long> expected = new java.util.TreeMap<>();
        for (String line : lines) {
            for (String w : line.split("\\s+")) {
                if (!w.isEmpty()) {
                    expected.merge(w, 1L, Long::sum);
                }
            }
        }
        java.util.Map<String, Long> actual = new java.util.TreeMap<>();
        for (String line : readOutput(cluster, out)) {
            String[] kv = line.split("\t");
            assertEquals(2, kv.length, line);
            assertEquals(null, actual.put(kv[0], Long.parseLong(kv[1])), "each word once: " + kv[0]);
        }
        assertEquals(expected, actual);
        assertEquals(2, run.result().summary().jobs(), "the count, then the top words");
        // One node: every map task runs where its block is, and reads all its input locally.
        var locality = run.result().summary().locality();
        assertEquals(4, locality.nodeLocal(), locality.toLine());
        assertEquals(0, locality.rackLocal() + locality.any(), locality.toLine());
        assertEquals(run.result().summary().io().inputBytes(), locality.localBytes());
        assertTrue(run.out().contains("spindle-submit: locality: node-local=4 rack-local=0 any=0"), run.out());
        assertEquals(3, run.result().summary().stages(), "map stage once, reused by the second job");
        // One node: shuffle blocks are read from local disk, unless fetching is forced.
        var io = run.result().summary().io();
        assertTrue(io.shuffleBytesRead() > 0, io.toString());
        assertEquals(network ? io.shuffleBytesRead() : 0, io.shuffleBytesFetched(), io.toString());
        assertTrue(run.out().contains(network ? "0 B read on the same host, " : ", 0 B fetched from other hosts"),
                run.out());
        if (mode.equals("client")) {
            assertTrue(run.jobOut().contains("Most frequent words:"), run.jobOut());
        }
    }

    /** Counts words as the examples define them: non-empty tokens between runs of {@code \s}. */
    private static java.util.Map<String, Long> count(List<String> text) {
        java.util.Map<String, Long> expected = new java.util.TreeMap<>();
        for (String line : text) {
            for (String w : line.split("\\s+")) {
                if (!w.isEmpty()) {
                    expected.merge(w, 1L, Long::sum);
                }
            }
        }
        return expected;
    }

    private static java.util.Map<String, Long> wordCount(EmbeddedCluster cluster, String in, String out)
            throws Exception {
        Submitter.Run run = new Submitter(cluster).submit("--class", "dev.spindle.examples.WordCount",
                Submitter.EXAMPLES_JAR, in, out);
        assertEquals(0, run.exitCode(), run.err());
        java.util.Map<String, Long> actual = new java.util.TreeMap<>();
        for (String line : readOutput(cluster, out)) {
            String[] kv = line.split("\t");
            actual.put(kv[0], Long.parseLong(kv[1]));
        }
        return actual;
    }

    @Test
    void gzipAndBzip2FilesInADirectory(EmbeddedCluster cluster) throws Exception {
        FileSystem fs = cluster.fileSystem();
        org.apache.hadoop.conf.Configuration conf = cluster.clientConf();
        List<String> text = lines.subList(0, 20_000);
        String joined = String.join("\n", text) + "\n";
        for (String ext : new String[]{".gz", ".bz2"}) {
            var codec = new org.apache.hadoop.io.compress.CompressionCodecFactory(conf).getCodec(new Path("x" + ext));
            try (var out = codec.createOutputStream(fs.create(new Path("/data/compressed/words" + ext)))) {
                out.write(joined.getBytes(StandardCharsets.UTF_8));
            }
        }
        java.util.Map<String, Long> expected = new java.util.TreeMap<>();
        count(text).forEach((k, v) -> expected.put(k, 2 * v));
        assertEquals(expected, wordCount(cluster, "/data/compressed", "/out/compressed"));
    }

    @Test
    void manySmallFilesAnEmptyFileAndALastLineWithoutNewline(EmbeddedCluster cluster) throws Exception {
        FileSystem fs = cluster.fileSystem();
        List<String> all = new ArrayList<>();
        for (int f = 0; f < 40; f++) {
            List<String> text = lines.subList(f * 50, f * 50 + 50);
            all.addAll(text);
            try (FSDataOutputStream out = fs.create(new Path("/data/small/f" + f + ".txt"))) {
                out.write(String.join("\n", text).getBytes(StandardCharsets.UTF_8));
            }
        }
        fs.create(new Path("/data/small/empty.txt")).close();
        fs.create(new Path("/data/small/_SUCCESS")).close();
        assertEquals(count(all), wordCount(cluster, "/data/small", "/out/small"));
        assertEquals(java.util.Map.of(), wordCount(cluster, "/data/small/empty.txt", "/out/empty"),
                "an empty input succeeds with empty output");
    }

    @Test
    void aLineLongerThanABlock(EmbeddedCluster cluster) throws Exception {
        FileSystem fs = cluster.fileSystem();
        String longLine = ("spindle ".repeat(200_000)).trim();
        try (FSDataOutputStream out = fs.create(new Path("/data/long/long.txt"))) {
            out.write(("first line\n" + longLine + "\nlast line").getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(fs.getFileStatus(new Path("/data/long/long.txt")).getLen() > 1024 * 1024);
        assertEquals(java.util.Map.of("first", 1L, "line", 2L, "last", 1L, "spindle", 200_000L),
                wordCount(cluster, "/data/long", "/out/long"));
    }

    @Test
    void anExistingOutputIsRefusedAndKept(EmbeddedCluster cluster) throws Exception {
        FileSystem fs = cluster.fileSystem();
        Path out = new Path("/out/existing");
        try (FSDataOutputStream o = fs.create(new Path(out, "keep.txt"))) {
            o.writeBytes("precious");
        }
        Submitter.Run run = new Submitter(cluster).submit("--class", "dev.spindle.examples.Grep",
                Submitter.EXAMPLES_JAR, INPUT, out.toString(), "x");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("OutputException: output hdfs://") && run.err().contains("already exists"),
                run.err());
        assertEquals(List.of("keep.txt"), Arrays.stream(fs.listStatus(out)).map(s -> s.getPath().getName()).toList());
    }

    @Test
    void aMissingInputOrAnEmptyGlobIsNamed(EmbeddedCluster cluster) throws Exception {
        Submitter s = new Submitter(cluster);
        Submitter.Run missing = s.submit("--class", "dev.spindle.examples.Grep", Submitter.EXAMPLES_JAR,
                "/no/such/input", "/out/never", "x");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("InputException: input /no/such/input does not exist"), missing.err());
        Submitter.Run empty = s.submit("--class", "dev.spindle.examples.Grep", Submitter.EXAMPLES_JAR,
                "/data/*.none", "/out/never", "x");
        assertEquals(1, empty.exitCode());
        assertTrue(empty.err().contains("input pattern /data/*.none matches no files"), empty.err());
        assertFalse(cluster.fileSystem().exists(new Path("/out/never")));
    }
}
