package dev.spindle.bench.compare;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {
    private static Measurement run(String system, Workload w, int round, long ms, String verdict) {
        return new Measurement(system, w, round, ms, verdict, Map.of("submitted", 500L, "exit", ms), "");
    }

    private final List<Measurement> runs = List.of(
            run("spindle-client", Workload.WORDCOUNT, 1, 10_000, "ok"),
            run("spark-client", Workload.WORDCOUNT, 1, 31_000, "ok"),
            run("spindle-client", Workload.WORDCOUNT, 2, 12_000, "ok"),
            run("spark-client", Workload.WORDCOUNT, 2, 1_000, "wrong answer: digest 1:0, expected 2:0"),
            run("spindle-client", Workload.WORDCOUNT, 3, 30_000, "ok"),
            run("spark-client", Workload.WORDCOUNT, 3, 33_000, "ok"));
    private final Report report = new Report(runs, List.of("spindle-client", "spark-client"), List.of(Workload.WORDCOUNT));

    @Test
    void mediansCountOnlyRightAnswers() {
        Stats spindle = report.stats("spindle-client", Workload.WORDCOUNT);
        assertEquals(new Stats(3, 3, 12_000, 10_000, 30_000), spindle);
        Stats spark = report.stats("spark-client", Workload.WORDCOUNT);
        assertEquals(new Stats(3, 2, 32_000, 31_000, 33_000), spark, "the fast wrong answer does not count");
        assertEquals(32.0 / 12.0, report.ratio("spark-client", Workload.WORDCOUNT), 1e-9);
        assertEquals("spindle-client", report.reference());
    }

    @Test
    void markdownHasTheTableTheFailuresAndTheSettings() {
        String md = report.markdown("title", Map.of("Machine", "2 cores"), Map.of("spark-client wordcount", "spark-submit x"));
        assertTrue(md.contains("| wordcount | spark-client | 32.0 | 31.0–33.0 | 2/3 | 2.67 |"), md);
        assertTrue(md.contains("| wordcount | spindle-client | 12.0 | 10.0–30.0 | 3/3 | 1.00 |"), md);
        assertTrue(md.contains("- spark-client wordcount round 2: wrong answer"), md);
        assertTrue(md.contains("- **Machine:** 2 cores"), md);
        assertTrue(md.contains("`spark-submit x`"), md);
        String svg = SvgChart.render(report, List.of("spindle-client", "spark-client"), List.of(Workload.WORDCOUNT), "t");
        assertTrue(svg.startsWith("<svg") && svg.contains("32.0 s  (2.67×)"), svg);
    }

    @Test
    void csvHasOneRowPerRun() {
        String[] lines = report.csv().split("\n");
        assertEquals("system,workload,round,wall_ms,verdict,exit,submitted", lines[0]);
        assertEquals(7, lines.length);
        assertEquals("spark-client,wordcount,2,1000,\"wrong answer: digest 1:0, expected 2:0\",1000,500", lines[4]);
    }

    @Test
    void medianOfAnEvenNumberIsTheMeanOfTheMiddleTwo() {
        assertEquals(15, Stats.median(new long[]{10, 12, 18, 40}));
        assertEquals(7, Stats.median(new long[]{7}));
    }
}
