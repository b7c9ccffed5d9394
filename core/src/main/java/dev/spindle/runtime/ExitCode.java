package dev.spindle.runtime;

import java.util.Optional;

/**
 * The exit codes of Spindle's processes, so a container's exit status names its cause in YARN's
 * diagnostics, in the AM's log and in spindle-submit's output. README's table is generated from
 * this enum. Codes stay clear of the JVM's own (1 for an uncaught exception in main, 134/137/143
 * for signals) and of YARN's negative container exit statuses.
 */
public enum ExitCode {
    SUCCESS(0, "the process did its work"),
    FAILED(1, "the application or the job did not succeed (spindle-submit); the reason is printed"),
    USAGE(2, "a command-line or configuration mistake, named in one sentence before anything ran"),
    EVENT_LOOP_FAILED(50, "an event of the driver or the ApplicationMaster threw: a bug in Spindle, logged with the application id"),
    UNCAUGHT_ERROR(51, "an executor or ApplicationMaster thread died of an uncaught exception outside any task"),
    OUT_OF_MEMORY(52, "the JVM ran out of memory outside a task (a task's own OutOfMemoryError only fails that task)"),
    JVM_UNUSABLE(53, "a task hit an error that leaves the JVM unusable (InternalError, UnknownError): the executor exits"),
    DRIVER_LOST(54, "an executor lost its connection to the driver, or could not reach it at start"),
    EXECUTOR_START_FAILED(55, "an executor could not start (its block server could not listen)"),
    RM_CLIENT_FAILED(56, "the ApplicationMaster's ResourceManager client failed; the AM unregistered FAILED"),
    APPLICATION_FAILED(57, "the ApplicationMaster unregistered the application as FAILED (its diagnostic says why)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The Spindle exit code with this number, if it is one of ours (0 to 2 are too generic to claim). */
    public static Optional<ExitCode> of(int status) {
        for (ExitCode c : values()) {
            if (c.code == status && c.code >= EVENT_LOOP_FAILED.code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** "exit status 52 (the JVM ran out of memory outside a task)", or just the number for others. */
    public static String describe(int status) {
        return "exit status " + status + of(status).map(c -> " (" + c.name() + ": " + c.meaning + ")").orElse("");
    }
}
