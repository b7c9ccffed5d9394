package dev.spindle.bench.compare;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChaosMainTest {
    @Test
    void optionsHaveDefaultsAndBadOnesGetOneSentence() {
        Map<String, String> o = ChaosMain.parse(new String[]{"--runs", "4", "--modes", "client"});
        assertEquals("4", o.get("runs"));
        assertEquals("64", o.get("input-mb"));
        assertEquals("random", o.get("moment"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChaosMain.parse(new String[]{"--runs", "0"}))
                .getMessage().contains("--runs takes a positive whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChaosMain.parse(new String[]{"--bogus", "1"}))
                .getMessage().contains("unknown option --bogus"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChaosMain.parse(
                new String[]{"--moment", "after-map"})).getMessage().contains("needs --modes client"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChaosMain.parse(
                new String[]{"--workloads", "empty"})).getMessage().contains("no data to lose"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChaosMain.parse(new String[]{"--help"}))
                .getMessage().startsWith("usage:"));
    }

    @Test
    void theReportCountsCorrectRunsAndPartialOutputsAndGivesMedianSlowdowns() {
        List<ChaosMain.Run> runs = List.of(
                new ChaosMain.Run(1, Workload.WORDCOUNT, "client", "executor 2 at 900 ms", 12_000, "ok", false, 1.2),
                new ChaosMain.Run(2, Workload.WORDCOUNT, "client", "executor 3 at 400 ms", 15_000, "ok", false, 1.5),
                new ChaosMain.Run(3, Workload.WORDCOUNT, "client", "executor 2 at 100 ms", 11_000,
                        "failed with exit code 1", true, 1.1));
        String md = ChaosMain.report(runs, Map.of("wordcount/client", 10_000L), Map.of("moment", "random",
                "seed", "1", "am-every", "3"), 64, 3);
        assertTrue(md.contains("correct: **2 / 3**"), md);
        assertTrue(md.contains("partial outputs: **1**"), md);
        assertTrue(md.contains("wordcount/client: clean 10.0 s; median slowdown with faults 1.20x (min 1.10x, max 1.50x, 3 runs)"), md);
    }
}
