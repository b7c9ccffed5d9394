package dev.spindle.submit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AmJvmOptionsTest {
    @Test
    void aClientModeAmStartsWithQuickStartFlagsThatTheUsersOwnFollow() {
        assertEquals("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC", AmJvmOptions.of(false, "", "-Dignored"));
        // The JVM takes the last of repeated options: the user's compiler level wins.
        assertEquals("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:TieredStopAtLevel=4",
                AmJvmOptions.of(false, "-XX:TieredStopAtLevel=4", ""));
        // But it refuses two collectors: the user's choice replaces the serial one.
        assertEquals("-XX:TieredStopAtLevel=1 -XX:+UseG1GC -Da=b",
                AmJvmOptions.of(false, "-XX:+UseG1GC -Da=b", ""));
        assertEquals("-XX:TieredStopAtLevel=1 -XX:+UseParallelGC",
                AmJvmOptions.of(false, "-XX:+UseParallelGC", ""));
    }

    @Test
    void aClusterModeAmHostsTheDriverAndKeepsTheJvmsDefaults() {
        assertEquals("", AmJvmOptions.of(true, "", ""));
        assertEquals("-Dam=1 -Ddriver=2", AmJvmOptions.of(true, "-Dam=1", "-Ddriver=2"));
    }
}
