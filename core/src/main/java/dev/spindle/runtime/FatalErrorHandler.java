package dev.spindle.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last word of a Spindle process on a thread that died of an uncaught exception: the thread's
 * work is gone, so the process logs it and exits with a named code ({@link ExitCode#OUT_OF_MEMORY}
 * or {@link ExitCode#UNCAUGHT_ERROR}) that the ApplicationMaster reports, instead of running on
 * without the thread. Installed by each process's {@code *Main} before anything else starts.
 */
public final class FatalErrorHandler implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FatalErrorHandler.class);

    private final String process;

    private FatalErrorHandler(String process) {
        this.process = process;
    }

    /** Installs the handler for every thread of this JVM; {@code process} names it in the log. */
    public static void install(String process) {
        Thread.setDefaultUncaughtExceptionHandler(new FatalErrorHandler(process));
    }

    /** Which code a death of this kind exits with. */
    public static ExitCode codeFor(Throwable t) {
        return t instanceof OutOfMemoryError ? ExitCode.OUT_OF_MEMORY : ExitCode.UNCAUGHT_ERROR;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable t) {
        ExitCode code = codeFor(t);
        try {
            LOG.error("{}: thread {} died of an uncaught exception; exiting with {} ({})", process, thread.getName(),
                    code.code(), code.name(), t);
            System.err.println(process + ": thread " + thread.getName() + " died: " + t + "; exiting with "
                    + code.code());
        } finally {
            // halt, not exit: shutdown hooks may need the memory or the thread that just failed.
            Runtime.getRuntime().halt(code.code());
        }
    }
}
