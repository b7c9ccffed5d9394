package dev.spindle.driver;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplicationSummaryTest {

    @Test
    void travelsAsOneLineInsideADiagnostic() {
        ApplicationSummary s = new ApplicationSummary(2, 3, 40, 1, 3, Map.of("1", 25, "2", 15), 1000L, 2000L,
                new dev.spindle.protocol.TaskMetrics(10, 2, 30, 30, 12, 5), new ApplicationSummary.Locality(7, 2, 1, 700, 30));
        String diagnostics = "User class threw x\n" + s.toLine();
        assertEquals(s, ApplicationSummary.find(diagnostics).orElseThrow());
        assertEquals(2, s.executorsUsed());
    }

    @Test
    void absentOrGarbledSummariesAreNotInvented() {
        assertTrue(ApplicationSummary.find(null).isEmpty());
        assertTrue(ApplicationSummary.find("killed by user").isEmpty());
        assertTrue(ApplicationSummary.find(ApplicationSummary.PREFIX + " jobs=x").isEmpty());
        ApplicationSummary none = new ApplicationSummary(0, 0, 0, 0, 0, Map.of(), 0, 0, dev.spindle.protocol.TaskMetrics.NONE,
                ApplicationSummary.Locality.NONE);
        assertEquals(none, ApplicationSummary.find(none.toLine()).orElseThrow());
    }
}
