package dev.spindle.submit;

import dev.spindle.driver.ApplicationSummary;
import dev.spindle.protocol.TaskMetrics;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JobSummaryTextTest {
    @Test
    void shuffleBytesReadOnTheSameHostAndFetchedFromOthersAreSeparate() {
        ApplicationSummary s = new ApplicationSummary(2, 3, 3, 0, 0, Map.of("1@h", 2, "2@h", 1), 1, 2,
                new TaskMetrics(18_551, 288, 13_926, 27_750, 2048, 1125), ApplicationSummary.Locality.NONE);
        assertEquals("2 jobs, 3 stages, 3 tasks on 2 executors; input 18.1 KiB in 288 records; shuffle 13.6 KiB "
                        + "written, 25.1 KiB read on the same host, 2.0 KiB fetched from other hosts; output 1125 "
                        + "records; 18.2 s", JobSummaryText.describe(s, 18_200));
    }
}
