package dev.spindle.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileOutputCommitterTest {
    private static final FileOutputCommitter.Writer APP_A = new FileOutputCommitter.Writer("application_1_0001", 1);
    private static final FileOutputCommitter.Writer APP_A2 = new FileOutputCommitter.Writer("application_1_0001", 2);
    private static final FileOutputCommitter.Writer APP_B = new FileOutputCommitter.Writer("application_1_0002", 1);
    private final Configuration conf = new Configuration();

    private FileOutputCommitter committer(Path out, FileOutputCommitter.Writer w) throws Exception {
        return new FileOutputCommitter("file://" + out, w, conf);
    }

    /** Sets up, writes one attempt file per text, and returns the committer (not committed). */
    private FileOutputCommitter written(Path out, FileOutputCommitter.Writer w, String... parts) throws Exception {
        FileOutputCommitter c = committer(out, w);
        c.setupJob();
        for (int p = 0; p < parts.length; p++) {
            write(FileOutputCommitter.attemptFile(c.attemptsDir(), p, 1), parts[p]);
        }
        return c;
    }

    private static List<String> files(FileOutputCommitter c, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(p -> FileOutputCommitter.attemptFile(c.attemptsDir(), p, 1))
                .toList();
    }

    private static void write(String file, String text) throws Exception {
        Path p = Path.of(java.net.URI.create(file));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            // Hadoop's local file system keeps .crc checksum files beside each file.
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
        }
    }

    @Test
    void theCommittedAttemptsBecomeThePartFilesAndOthersVanish(@TempDir Path dir) throws Exception {
        String out = "file://" + dir.resolve("out");
        FileOutputCommitter c = new FileOutputCommitter(out, APP_A, conf);
        c.setupJob();
        String p0 = FileOutputCommitter.attemptFile(c.attemptsDir(), 0, 7);
        String p0Failed = FileOutputCommitter.attemptFile(c.attemptsDir(), 0, 3);
        String p1 = FileOutputCommitter.attemptFile(c.attemptsDir(), 1, 8);
        write(p0, "zero\n");
        write(p0Failed, "half-writ");
        write(p1, "one\n");
        c.commitJob(List.of(p0, p1));

        assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), names(dir.resolve("out")));
        assertEquals("zero\n", Files.readString(dir.resolve("out/part-00000")));
        assertEquals("one\n", Files.readString(dir.resolve("out/part-00001")));
        assertEquals("application_1_0001 1\n", Files.readString(dir.resolve("out/_SUCCESS")));
    }

    @Test
    void anExistingOutputIsRefusedAndLeftAlone(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/keep.txt"), "precious");
        FileOutputCommitter c = committer(dir.resolve("out"), APP_A);
        OutputException e = assertThrows(OutputException.class, c::setupJob);
        assertTrue(e.getMessage().endsWith("already exists"), e.getMessage());
        assertEquals("precious", Files.readString(dir.resolve("out/keep.txt")));
    }

    @Test
    void anAbortedJobLeavesNoOutput(@TempDir Path dir) throws Exception {
        FileOutputCommitter c = written(dir.resolve("out"), APP_A, "partial");
        c.abortJob();
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void ofTwoApplicationsWritingOneOutputTheSecondIsRefusedAndTouchesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        FileOutputCommitter first = written(out, APP_A, "a0\n", "a1\n");
        FileOutputCommitter second = committer(out, APP_B);
        OutputException e = assertThrows(OutputException.class, second::setupJob);
        assertEquals("output file:" + out + " already exists (written by application_1_0001)", e.getMessage());
        second.abortJob(); // what a failed save does: it must not delete the first writer's files
        first.commitJob(files(first, 2));
        assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), names(out));
        assertEquals("a1\n", Files.readString(out.resolve("part-00001")));
    }

    /**
     * A local file system whose {@code exists} says no for any directory named {@code out}: the look
     * before the claim then misses what another writer did, as it would if that writer acted between
     * our look and our claim.
     */
    public static final class LateLookFileSystem extends org.apache.hadoop.fs.RawLocalFileSystem {
        @Override
        public java.net.URI getUri() {
            return java.net.URI.create("latelook:///");
        }

        @Override
        public String getScheme() {
            return "latelook";
        }

        @Override
        public boolean exists(org.apache.hadoop.fs.Path f) throws java.io.IOException {
            return !f.getName().equals("out") && super.exists(f);
        }
    }

    @Test
    void aClaimRacingAnotherWritersClaimOrCommitIsRefusedAndRemovesOnlyItsOwnClaim(@TempDir Path dir) throws Exception {
        Configuration late = new Configuration(conf);
        late.setClass("fs.latelook.impl", LateLookFileSystem.class, org.apache.hadoop.fs.FileSystem.class);
        late.setBoolean("fs.latelook.impl.disable.cache", true);
        Path out = dir.resolve("out");
        FileOutputCommitter first = written(out, APP_A, "a0\n");

        FileOutputCommitter racing = new FileOutputCommitter("latelook://" + out, APP_B, late);
        OutputException claimed = assertThrows(OutputException.class, racing::setupJob);
        assertEquals("output latelook:" + out + " is being written by another application (application_1_0001)",
                claimed.getMessage());

        first.commitJob(files(first, 1));
        OutputException committed = assertThrows(OutputException.class, racing::setupJob);
        assertEquals("output latelook:" + out + " already exists", committed.getMessage());
        racing.abortJob();
        assertEquals(List.of("_SUCCESS", "part-00000"), names(out));
        assertEquals("a0\n", Files.readString(out.resolve("part-00000")));
    }

    @Test
    void whatAnEarlierAttemptOfTheSameApplicationLeftIsReplaced(@TempDir Path dir) throws Exception {
        Path uncommitted = dir.resolve("uncommitted");
        written(uncommitted, APP_A, "stale\n", "stale\n");
        FileOutputCommitter again = written(uncommitted, APP_A2, "fresh\n");
        again.commitJob(files(again, 1));
        assertEquals(List.of("_SUCCESS", "part-00000"), names(uncommitted));
        assertEquals("fresh\n", Files.readString(uncommitted.resolve("part-00000")));
        assertEquals("application_1_0001 2\n", Files.readString(uncommitted.resolve("_SUCCESS")));

        Path committed = dir.resolve("committed");
        FileOutputCommitter first = written(committed, APP_A, "old0\n", "old1\n");
        first.commitJob(files(first, 2));
        FileOutputCommitter second = written(committed, APP_A2, "new0\n");
        second.commitJob(files(second, 1));
        assertEquals(List.of("_SUCCESS", "part-00000"), names(committed));
        assertEquals("new0\n", Files.readString(committed.resolve("part-00000")));
    }

    @Test
    void theSameAttemptOrALaterOneNeverReplacesAnOutput(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        FileOutputCommitter c = written(out, APP_A2, "x\n");
        c.commitJob(files(c, 1));
        for (FileOutputCommitter.Writer w : List.of(APP_A2, APP_A)) {
            OutputException e = assertThrows(OutputException.class, () -> committer(out, w).setupJob());
            assertEquals("output file:" + out + " already exists", e.getMessage());
        }
        assertEquals("x\n", Files.readString(out.resolve("part-00000")));
    }

    @Test
    void aJobWhoseClaimWasTakenCannotCommitAndItsAbortKeepsTheOtherWritersFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        FileOutputCommitter c = written(out, APP_A, "a\n");
        Files.writeString(out.resolve("_temporary/_owner"), "application_1_0002 1\n");
        Files.delete(out.resolve("_temporary/._owner.crc")); // written behind Hadoop's back
        write("file://" + out.resolve("_temporary/application_1_0002_1/attempt_0_1/part-00000"), "b\n");
        OutputException e = assertThrows(OutputException.class, () -> c.commitJob(files(c, 1)));
        assertTrue(e.getMessage().endsWith("is no longer this job's to commit (claimed by application_1_0002 (attempt 1))"),
                e.getMessage());
        c.abortJob();
        assertEquals("b\n", Files.readString(out.resolve("_temporary/application_1_0002_1/attempt_0_1/part-00000")));
        assertFalse(Files.exists(out.resolve("_temporary/application_1_0001_1")));
    }

    @Test
    void writersAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new FileOutputCommitter.Writer("", 1));
        assertThrows(IllegalArgumentException.class, () -> new FileOutputCommitter.Writer("a b", 1));
        assertThrows(IllegalArgumentException.class, () -> new FileOutputCommitter.Writer("app", 0));
    }
}
