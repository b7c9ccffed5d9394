package dev.spindle.testcluster;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which applications belong to one test: those the ResourceManager knows after it and did not know
 * before it. An application started in {@code @BeforeAll} or by an earlier test is never the
 * test's. Immutable.
 */
final class TestApplications {
    private static final EnumSet<YarnApplicationState> FINAL = EnumSet.of(YarnApplicationState.FINISHED,
            YarnApplicationState.FAILED, YarnApplicationState.KILLED);

    private final Set<ApplicationId> before;

    TestApplications(Collection<ApplicationReport> knownBefore) {
        this.before = Set.copyOf(knownBefore.stream().map(ApplicationReport::getApplicationId).toList());
    }

    /** The applications in {@code after} that the test started, in id order. */
    List<ApplicationReport> startedDuringTest(Collection<ApplicationReport> after) {
        return after.stream().filter(r -> !before.contains(r.getApplicationId()))
                .sorted(java.util.Comparator.comparing(ApplicationReport::getApplicationId)).toList();
    }

    /** Of the test's applications, those not in a final state: what it left running. */
    List<ApplicationId> leftRunning(Collection<ApplicationReport> after) {
        return startedDuringTest(after).stream().filter(r -> !FINAL.contains(r.getYarnApplicationState()))
                .map(ApplicationReport::getApplicationId).toList();
    }
}
