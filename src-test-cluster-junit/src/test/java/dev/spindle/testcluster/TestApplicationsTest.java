package dev.spindle.testcluster;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.util.Records;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestApplicationsTest {
    private static final long CLUSTER = 1_700_000_000_000L;

    private static ApplicationReport report(int id, YarnApplicationState state) {
        ApplicationReport r = Records.newRecord(ApplicationReport.class);
        r.setApplicationId(ApplicationId.newInstance(CLUSTER, id));
        r.setYarnApplicationState(state);
        return r;
    }

    @Test
    void onlyApplicationsUnknownBeforeTheTestAreItsAndOnlyUnfinishedOnesAreLeft() {
        TestApplications mine = new TestApplications(List.of(report(1, YarnApplicationState.RUNNING),
                report(2, YarnApplicationState.FINISHED)));
        List<ApplicationReport> after = List.of(report(5, YarnApplicationState.KILLED),
                report(1, YarnApplicationState.RUNNING), report(2, YarnApplicationState.FINISHED),
                report(3, YarnApplicationState.ACCEPTED), report(4, YarnApplicationState.FAILED),
                report(6, YarnApplicationState.NEW_SAVING));
        assertEquals(List.of(3, 4, 5, 6), mine.startedDuringTest(after).stream()
                .map(r -> r.getApplicationId().getId()).toList());
        assertEquals(List.of(ApplicationId.newInstance(CLUSTER, 3), ApplicationId.newInstance(CLUSTER, 6)),
                mine.leftRunning(after));
    }
}
