package dev.spindle.runtime;

/**
 * Tells, from a thread's stack, whether that thread is inside {@code System.exit}, {@code Runtime.exit}
 * or {@code Runtime.halt}: how a shutdown hook learns that the JVM ends because code called exit, and
 * whose code, rather than because of a signal (a signal starts the hooks with no thread inside exit).
 *
 * <p>Stateless and thread-safe; the stack is usually another thread's, taken with
 * {@link Thread#getStackTrace()}.
 */
public final class ExitCalls {
    private ExitCalls() {
    }

    /** Whether a thread with this stack is inside {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}. */
    public static boolean inside(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            String m = e.getMethodName();
            if ((c.equals("java.lang.System") && m.equals("exit"))
                    || (c.equals("java.lang.Runtime") && (m.equals("exit") || m.equals("halt")))) {
                return true;
            }
        }
        return false;
    }
}
