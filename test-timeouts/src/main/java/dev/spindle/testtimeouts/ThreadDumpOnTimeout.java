package dev.spindle.testtimeouts;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Prints every thread's stack to stderr when a test or lifecycle method fails with JUnit's own
 * timeout, then lets the failure through unchanged. Registered globally (autodetection); stateless.
 */
public final class ThreadDumpOnTimeout implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        dumpIfTimeout(context, throwable);
        throw throwable;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        dumpIfTimeout(context, throwable);
        throw throwable;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        dumpIfTimeout(context, throwable);
        throw throwable;
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        dumpIfTimeout(context, throwable);
        throw throwable;
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        dumpIfTimeout(context, throwable);
        throw throwable;
    }

    /**
     * JUnit's timeout (either thread mode) fails with a TimeoutException saying "... timed out after
     * ..."; a TimeoutException of the test's own (a Future.get) says something else, or nothing.
     */
    static boolean isJUnitTimeout(Throwable t) {
        return t instanceof TimeoutException && t.getMessage() != null && t.getMessage().contains(" timed out after ");
    }

    private static void dumpIfTimeout(ExtensionContext context, Throwable throwable) {
        if (isJUnitTimeout(throwable)) {
            PrintStream err = System.err;
            err.println("==== " + context.getDisplayName() + ": " + throwable.getMessage() + "; all threads:");
            err.print(threadDump());
            err.flush();
        }
    }

    /** Every live thread's name, state, held lock and stack, with locks when the JVM can tell. */
    static String threadDump() {
        StringBuilder sb = new StringBuilder();
        Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        ThreadInfo[] infos = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
        java.util.Map<Long, ThreadInfo> byId = new java.util.HashMap<>();
        for (ThreadInfo i : infos) {
            byId.put(i.getThreadId(), i);
        }
        for (Map.Entry<Thread, StackTraceElement[]> e : stacks.entrySet()) {
            Thread t = e.getKey();
            ThreadInfo info = byId.get(t.getId());
            sb.append('"').append(t.getName()).append('"').append(t.isDaemon() ? " daemon" : "")
                    .append(" ").append(t.getState());
            if (info != null && info.getLockName() != null) {
                sb.append(" on ").append(info.getLockName());
                if (info.getLockOwnerName() != null) {
                    sb.append(" owned by \"").append(info.getLockOwnerName()).append('"');
                }
            }
            sb.append(System.lineSeparator());
            for (StackTraceElement frame : e.getValue()) {
                sb.append("\tat ").append(frame).append(System.lineSeparator());
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
