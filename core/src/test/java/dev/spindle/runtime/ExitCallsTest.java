package dev.spindle.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitCallsTest {
    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, "X.java", 1);
    }

    @Test
    void aThreadInsideExitOrHaltIsTheCulprit() {
        assertTrue(ExitCalls.inside(new StackTraceElement[]{frame("java.lang.Shutdown", "exit"),
                frame("java.lang.Runtime", "exit"), frame("java.lang.System", "exit"), frame("com.acme.Job", "lambda$0")}));
        assertTrue(ExitCalls.inside(new StackTraceElement[]{frame("java.lang.Runtime", "halt"),
                frame("com.acme.Job", "run")}));
    }

    @Test
    void aThreadMerelyRunningOrWaitingIsNot() {
        assertFalse(ExitCalls.inside(new StackTraceElement[]{frame("java.lang.Thread", "sleep"),
                frame("com.acme.Job", "exit"), frame("java.lang.Runtime", "availableProcessors")}));
        assertFalse(ExitCalls.inside(new StackTraceElement[0]));
    }
}
