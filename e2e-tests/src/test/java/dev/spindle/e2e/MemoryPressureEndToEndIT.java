package dev.spindle.e2e;

import dev.spindle.examples.PairsAtScale;
import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data several times the executors' heaps: two executors of 512 MiB run reduceByKey, groupByKey, a
 * join and sortByKey over generated pairs whose objects (a boxed key and a 30-character string each,
 * about 136 bytes on the heap) come to about four times their heaps together, so each operation has to
 * spill to finish. The answers are checked against checksums one process computes without the data,
 * and the summary must report the bytes spilled.
 */
@SpindleClusterTest
class MemoryPressureEndToEndIT {
    /** 32 million pairs of about 136 heap bytes: about 4.3 GB of objects, for 1 GiB of executor heap. */
    static final long PAIRS = Long.getLong("spindle.it.pressurePairs", 32_000_000L);
    static final long KEYS = 2_000_000;

    @Test
    void reduceGroupJoinAndSortFinishWithTheRightAnswerBySpilling(EmbeddedCluster cluster) throws Exception {
        Submitter.Run run = new Submitter(cluster).submit("--executor-memory", "512m", "--num-executors", "2",
                "--executor-cores", "1", "--class", "dev.spindle.examples.PairsAtScale", Submitter.EXAMPLES_JAR,
                Long.toString(PAIRS), Long.toString(KEYS), "16");
        assertEquals(0, run.exitCode(), run.err());
        List<String> printed = Arrays.stream(run.jobOut().split("\n")).map(String::strip)
                .filter(l -> l.contains("checksum=") || l.startsWith("sortByKey")).toList();
        assertEquals(PairsAtScale.expected(PAIRS, KEYS), printed);
        Matcher spilled = Pattern.compile("; ([0-9.]+) (MiB|GiB) spilled to local disk").matcher(run.out());
        assertTrue(spilled.find(), "the summary reports the bytes spilled: " + run.out());
        double gib = Double.parseDouble(spilled.group(1)) / (spilled.group(2).equals("MiB") ? 1024 : 1);
        assertTrue(gib > 0.5, "at least half a GiB spilled: " + spilled.group());
    }
}
