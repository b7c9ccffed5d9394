package dev.spindle.bench.compare;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareOptionsTest {
    private static final Path HOME = Path.of("/spindle");

    private static String error(String... args) {
        return assertThrows(CompareOptions.UsageException.class, () -> CompareOptions.parse(args, HOME)).getMessage();
    }

    @Test
    void defaultsCompareAllSystemsOnAllWorkloads() throws Exception {
        CompareOptions o = CompareOptions.parse(new String[0], HOME);
        assertEquals(List.of("spindle-client", "spindle-cluster", "mapreduce", "spark-client", "spark-cluster"), o.systems());
        assertEquals(List.of(Workload.WORDCOUNT, Workload.SORT, Workload.EMPTY), o.workloads());
        assertEquals(64, o.inputMb());
        assertEquals(3, o.repeats());
        assertEquals(2, o.replication());
        assertEquals(new Resources(2, 1, 1024, 2), o.resources());
        assertEquals(HOME.resolve("bench/results"), o.results());
    }

    @Test
    void optionsAreTaken() throws Exception {
        CompareOptions o = CompareOptions.parse(new String[]{"--input-mb", "1024", "--systems", "spindle-client,spark",
            "--workloads", "sort,wordcount,sort", "--repeats", "5", "--nodes", "3", "--replication", "1"}, HOME);
        assertEquals(1024, o.inputMb());
        assertEquals(List.of("spindle-client", "spark-client", "spark-cluster"), o.systems());
        assertEquals(List.of(Workload.SORT, Workload.WORDCOUNT), o.workloads());
        assertEquals(5, o.repeats());
        assertEquals(1, o.replication());
    }

    @Test
    void smokeIsTinySpindleOnlyOnce() throws Exception {
        CompareOptions o = CompareOptions.parse(new String[]{"--smoke"}, HOME);
        assertTrue(o.smoke());
        assertEquals(List.of("spindle-client", "spindle-cluster"), o.systems());
        assertEquals(1, o.repeats());
        assertEquals(0, o.warmups());
        assertEquals(HOME.resolve("bench/target/smoke"), o.results());
    }

    @Test
    void badOptionsGetOneSentence() {
        assertEquals("--systems: unknown system 'flink' (spindle, spindle-client, spindle-cluster, spindle-nolocality, "
                + "spindle-crypto, spindle-nocompress, spindle-nocache, spindle-fullsample, spindle-unmanaged, mapreduce, spark, spark-client, spark-cluster)",
                error("--systems", "flink"));
        assertEquals("--workloads: unknown workload 'merge' (wordcount, sort, empty, pagerank, pagerank-nocache, join)",
                error("--workloads", "merge"));
        assertEquals("--repeats needs a whole number of at least 1, not 'many'", error("--repeats", "many"));
        assertEquals("--input-mb needs a whole number of at least 1, not '0'", error("--input-mb", "0"));
        assertEquals("--repeats needs a value", error("--repeats"));
        assertEquals("unknown option '--fast' (bench/run.sh --help lists them)", error("--fast", "yes"));
        assertEquals("--smoke takes no other options", error("--smoke", "--repeats", "2"));
        assertEquals("--replication 3 needs at least as many nodes, not 2", error("--replication", "3"));
        assertEquals("--systems names no system", error("--systems", ","));
        assertTrue(error("--help").startsWith("usage: bench/run.sh"));
    }
}
