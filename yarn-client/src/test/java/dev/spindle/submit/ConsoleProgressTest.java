package dev.spindle.submit;

import dev.spindle.status.StatusViews;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final List<StatusViews.Stage> stages = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(10_000);

    private static StatusViews.Stage stage(int id, String state, int tasks, int done, int running, long submitted,
                                           long ended, String failure) {
        return new StatusViews.Stage(0, id, "shuffle 1 map", state, tasks, done, running, 0, false, submitted, ended, 0,
                0, 0, 0, 0, 0, Map.of(), failure, null);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBarShowsDoneRunningAndTotalInTheColumnsGiven() {
        String bar = ConsoleProgress.bar(stage(3, "RUNNING", 400, 212, 4, 0, 0, null), 60);
        assertEquals("[stage 3 (shuffle 1 map): =========>        (212 + 4) / 400]", bar);
        assertEquals(60, bar.length());
        assertEquals("[stage 3 (shuffle 1 map): ================= (400 + 0) / 400]",
                ConsoleProgress.bar(stage(3, "RUNNING", 400, 400, 0, 0, 0, null), 60));
        assertEquals("[stage 3 (shuffle…): (1 + 0) / 2]", ConsoleProgress.bar(stage(3, "RUNNING", 2, 1, 0, 0, 0,
                null), 30), "too narrow for a bar: the counts, with the name cut");
    }

    @Test
    void onATerminalOneLineIsRedrawnInPlaceAndClearedAtTheEnd() {
        ConsoleProgress p = new ConsoleProgress(() -> stages, out, true, 60, 200, now::get);
        stages.add(stage(0, "RUNNING", 4, 0, 2, 9_800, 0, null));
        p.tick();
        assertEquals("", printed(), "a stage younger than half a second is not drawn");
        now.set(10_400);
        p.tick();
        assertTrue(printed().startsWith("\r[stage 0 (shuffle 1 map): >"), printed());
        assertTrue(printed().endsWith("(0 + 2) / 4]\r"), printed());
        assertTrue(!printed().contains("\n"), "never a new line on a terminal");
        stages.set(0, stage(0, "COMPLETE", 4, 4, 0, 9_800, 10_500, null));
        p.close();
        assertTrue(printed().endsWith("\r" + " ".repeat(60) + "\r"), "the line is cleared: [" + printed() + "]");
    }

    @Test
    void elsewherePlainLinesSayWhenStagesStartAndEnd() {
        ConsoleProgress p = new ConsoleProgress(() -> stages, out, false, 80, 200, now::get);
        stages.add(stage(0, "RUNNING", 4, 1, 2, 9_000, 0, null));
        p.tick();
        p.tick();
        stages.set(0, stage(0, "COMPLETE", 4, 4, 0, 9_000, 11_100, null));
        stages.add(stage(1, "FAILED", 1, 0, 0, 11_100, 11_200, "Job 0 failed: boom"));
        p.close();
        assertEquals("spindle-submit: stage 0 (shuffle 1 map) of job 0: 4 tasks\n"
                + "spindle-submit: stage 0 (shuffle 1 map) finished in 2.1 s\n"
                + "spindle-submit: stage 1 (shuffle 1 map) of job 0: 1 task\n"
                + "spindle-submit: stage 1 (shuffle 1 map) failed: Job 0 failed: boom\n", printed());
    }
}
