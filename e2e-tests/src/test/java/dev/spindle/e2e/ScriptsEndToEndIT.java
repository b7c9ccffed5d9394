package dev.spindle.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's commands as a user types them: the real bin/ scripts in their own processes. */
class ScriptsEndToEndIT {
    private static final Path HOME = Path.of(System.getProperty("spindle.home")).toAbsolutePath().normalize();

    private static ProcessBuilder script(String name, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = HOME.resolve("bin").resolve(name).toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("HADOOP_CONF_DIR");
        pb.environment().remove("YARN_CONF_DIR");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb;
    }

    /** The README's first command: WordCount of the README into a local directory, on an embedded cluster. */
    @Test
    void quickstartCountsTheReadmesWordsOnAnEmbeddedCluster(@TempDir Path cwd) throws Exception {
        Files.copy(HOME.resolve("README.md"), cwd.resolve("README.md"));
        Process p = script("spindle-submit", "--class", "dev.spindle.examples.WordCount",
                HOME.resolve("examples/target/spindle-examples.jar").toString(), "README.md", "wordcount-out")
                .directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES));
        System.out.println(output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("embedded YARN + HDFS cluster"), output);
        assertTrue(output.contains("Most frequent words:"), output);
        assertTrue(output.contains("FINISHED/SUCCEEDED"), output);
        assertTrue(output.contains("spindle-submit: stage 0 (shuffle 0 map) of job 0: "), "no terminal: plain "
                + "progress lines");
        assertTrue(!output.contains("\r[stage"), "no redrawn line where output is not a terminal");
        assertTrue(Files.exists(cwd.resolve("wordcount-out/_SUCCESS")), "output lands in the local directory");
        long the = 0;
        for (String word : Files.readString(cwd.resolve("README.md")).split("\\s+")) {
            the += word.equals("the") ? 1 : 0;
        }
        String counts;
        try (var parts = Files.list(cwd.resolve("wordcount-out"))) {
            StringBuilder sb = new StringBuilder();
            for (Path part : parts.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                sb.append(Files.readString(part));
            }
            counts = sb.toString();
        }
        final long expectedThe = the;
        assertTrue(counts.lines().anyMatch(l -> l.equals("the\t" + expectedThe)), "the\t" + expectedThe);
        try (var left = Files.list(cwd)) {
            assertEquals(List.of("README.md", "wordcount-out"),
                    left.map(f -> f.getFileName().toString()).sorted().toList(), "nothing else in the directory");
        }
    }

    /**
     * spindle-submit's class-data archive: a real submission records the classes its JVM loads, the next
     * run makes the archive from that record in the background, and later runs map it ({@code -Xshare:on}
     * makes a JVM that cannot map it fail). A void archive is skipped without a word; SPINDLE_CDS=off
     * leaves no file behind. The directory's name has a space, as a home directory's may.
     */
    @Test
    void submissionsRecordMakeAndUseAClassDataArchive(@TempDir Path cwd, @TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("class data");
        Files.writeString(cwd.resolve("words.txt"), "one two two\n");
        ProcessBuilder job = script("spindle-submit", "--class", "dev.spindle.examples.WordCount",
                HOME.resolve("examples/target/spindle-examples.jar").toString(), "words.txt", "out")
                .directory(cwd.toFile()).redirectErrorStream(true);
        job.environment().put("SPINDLE_CDS_DIR", cache.toString());
        Process p = job.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), output);
        List<Path> records = files(cache, ".classlist.");
        assertEquals(1, records.size(), "one record of the submission's classes: " + records);
        assertTrue(Files.readAllLines(records.get(0)).size() >= 2000, "a submission loads thousands of classes");

        assertEquals(version(), run(cache, null), "the next run starts the archive and is not held up by it");
        for (Path lock : files(cache, ".lock")) {
            long dumper = Long.parseLong(Files.readString(lock.resolve("pid")).trim());
            // The dump's own end, at most 3 minutes away; an absent process has ended already.
            ProcessHandle.of(dumper).ifPresent(h -> assertTrue(h.onExit()
                    .completeOnTimeout(null, 3, TimeUnit.MINUTES).join() != null, "the dump still runs after 3 minutes"));
        }
        assertEquals(1, files(cache, ".jsa").size(), "an archive: " + files(cache, ""));
        assertEquals(List.of(), files(cache, ".lock"), "the dump removed its lock");
        assertEquals(List.of(), files(cache, ".classlist."), "the records went with the archive made");
        assertEquals(version(), run(cache, "-Xshare:on"), "the archive maps");

        Path archive = files(cache, ".jsa").get(0);
        Files.delete(archive);
        Files.write(archive, new byte[4096]);
        assertEquals(version(), run(cache, null), "a void archive is skipped quietly");

        Path off = cache.resolve("off");
        ProcessBuilder pb = script("spindle-submit", "--version").redirectErrorStream(true);
        pb.environment().put("SPINDLE_CDS_DIR", off.toString());
        pb.environment().put("SPINDLE_CDS", "off");
        Process q = pb.start();
        q.getInputStream().readAllBytes();
        assertTrue(q.waitFor(1, TimeUnit.MINUTES));
        assertTrue(!Files.exists(off), "SPINDLE_CDS=off writes nothing");
    }

    private static String version() throws Exception {
        return run(null, null);
    }

    /** The output of spindle-submit --version with this archive directory (none: off) and extra JVM options. */
    private static String run(Path cache, String jvmOptions) throws Exception {
        ProcessBuilder pb = script("spindle-submit", "--version").redirectErrorStream(true);
        if (cache == null) {
            pb.environment().put("SPINDLE_CDS", "off");
        } else {
            pb.environment().put("SPINDLE_CDS_DIR", cache.toString());
        }
        if (jvmOptions != null) {
            pb.environment().put("SPINDLE_SUBMIT_OPTS", "-Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 " + jvmOptions);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static List<Path> files(Path dir, String containing) throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().contains(containing)).sorted().toList();
        }
    }

    /**
     * A cluster-mode job on a terminal (a pseudo-terminal from util-linux's {@code script}): its stage's
     * progress is one line redrawn in place, read from the driver's JSON API through YARN's proxy.
     */
    @Test
    void aClusterModeJobOnATerminalShowsOneProgressLine(@TempDir Path cwd) throws Exception {
        Path scriptCommand = Path.of("/usr/bin/script");
        assertTrue(Files.isExecutable(scriptCommand) || Files.isExecutable(Path.of("/bin/script")),
                "this test needs util-linux's script(1) for a pseudo-terminal (Debian: bsdutils)");
        List<String> submit = List.of(HOME.resolve("bin/spindle-submit").toString(), "--deploy-mode", "cluster",
                "--num-executors", "2", "--class", "dev.spindle.examples.Fail",
                HOME.resolve("examples/target/spindle-examples.jar").toString(), "nap", "8", "700");
        String command = String.join(" ", submit.stream().map(a -> "'" + a + "'").toList());
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", command, "/dev/null");
        pb.environment().remove("HADOOP_CONF_DIR");
        pb.environment().remove("YARN_CONF_DIR");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("COLUMNS", "100");
        Process p = pb.directory(cwd.toFile()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES));
        System.out.println(output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("FINISHED/SUCCEEDED"), output);
        java.util.regex.Matcher bar = java.util.regex.Pattern.compile("\r\\[stage 0 \\(result\\): [=> ]*\\((\\d) \\+ (\\d)\\) / 8\\]")
                .matcher(output);
        assertTrue(bar.find(), "a progress bar redrawn with \\r: " + output.replace("\r", "\\r"));
        assertTrue(!output.contains("spindle-submit: stage 0 (result) of job 0"), "no plain lines on a terminal");
    }

    private static String fs(Path confDir, String... args) throws Exception {
        ProcessBuilder pb = script("spindle-fs", args);
        pb.environment().put("HADOOP_CONF_DIR", confDir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), "spindle-fs " + String.join(" ", args) + ": " + err);
        return out;
    }

    @Test
    void spindleClusterServesSubmissionsUntilInterrupted(@TempDir Path dir) throws Exception {
        Path confDir = dir.resolve("conf");
        Process cluster = script("spindle-cluster", "--conf-dir", confDir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(cluster.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("READY ")) {
                            return line;
                        }
                    }
                    return "EOF";
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            assertEquals("READY " + confDir.toAbsolutePath(), ready.get(2, TimeUnit.MINUTES));
            assertTrue(new File(confDir.toFile(), "yarn-site.xml").isFile());

            // spindle-fs loads data into the cluster's HDFS and reads results back.
            Path local = Files.writeString(dir.resolve("words.txt"), "to be or not to be\n");
            assertEquals("", fs(confDir, "-mkdir", "-p", "/in"));
            assertEquals("", fs(confDir, "-put", local.toString(), "/in/words.txt"));
            assertEquals("to be or not to be\n", fs(confDir, "-cat", "/in/words.txt"));

            Submitter submitter = new Submitter(Map.of("HADOOP_CONF_DIR", confDir.toString()));
            Submitter.Run wc = submitter.submit("--class", "dev.spindle.examples.WordCount", Submitter.EXAMPLES_JAR,
                    "/in/words.txt", "/out/wc");
            assertEquals(0, wc.exitCode(), wc.err());
            assertEquals(List.of("be\t2", "not\t1", "or\t1", "to\t2"),
                    fs(confDir, "-cat", "/out/wc/part-*").lines().sorted().toList());
            Submitter.Run run = submitter.submit("--class", "dev.spindle.examples.Pi", Submitter.EXAMPLES_JAR, "4");
            assertEquals(0, run.exitCode(), run.err());
            Submitter.Run status = submitter.submit("--status", run.result().applicationId());
            assertEquals(0, status.exitCode());
            assertTrue(status.out().contains("SUCCEEDED"), status.out());
        } finally {
            cluster.destroy();
            assertTrue(cluster.waitFor(60, TimeUnit.SECONDS), "spindle-cluster stops when interrupted");
        }
    }
}
