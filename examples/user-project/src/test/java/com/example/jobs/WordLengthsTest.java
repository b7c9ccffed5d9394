package com.example.jobs;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import dev.spindle.testkit.JobRun;
import dev.spindle.testkit.SpindleJob;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job on a real YARN + HDFS cluster started for this class, in both deploy modes. */
@SpindleClusterTest
class WordLengthsTest {
    @ParameterizedTest
    @ValueSource(strings = {"client", "cluster"})
    void countsWordsByLength(String mode, EmbeddedCluster cluster, @TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("text.txt"), "a bb cc ddd\nee f\n");

        JobRun run = SpindleJob.of(WordLengths.class).deployMode(mode)
                .args(input.toUri().toString())
                .run(cluster);

        assertEquals(0, run.exitCode(), run.errors());
        assertEquals("SUCCEEDED", run.finalStatus());
        assertTrue(run.driverOutput().contains("1 letters: 2\n2 letters: 3\n3 letters: 1\n"), run.driverOutput());
    }
}
