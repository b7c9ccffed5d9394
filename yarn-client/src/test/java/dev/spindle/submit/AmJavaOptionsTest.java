package dev.spindle.submit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AmJavaOptionsTest {
    @Test
    void aClientModeAmStartsWithQuickStartFlagsThatTheUsersOwnFollow() {
        assertEquals("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC", YarnSubmission.amJavaOptions(false, "", "-Dignored"));
        // The JVM takes the last of repeated options: the user's compiler level wins.
        assertEquals("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:TieredStopAtLevel=4",
                YarnSubmission.amJavaOptions(false, "-XX:TieredStopAtLevel=4", ""));
        // But it refuses two collectors: the user's choice replaces the serial one.
        assertEquals("-XX:TieredStopAtLevel=1 -XX:+UseG1GC -Da=b",
                YarnSubmission.amJavaOptions(false, "-XX:+UseG1GC -Da=b", ""));
        assertEquals("-XX:TieredStopAtLevel=1 -XX:+UseParallelGC",
                YarnSubmission.amJavaOptions(false, "-XX:+UseParallelGC", ""));
    }

    @Test
    void aClusterModeAmHostsTheDriverAndKeepsTheJvmsDefaults() {
        assertEquals("", YarnSubmission.amJavaOptions(true, "", ""));
        assertEquals("-Dam=1 -Ddriver=2", YarnSubmission.amJavaOptions(true, "-Dam=1", "-Ddriver=2"));
    }
}
