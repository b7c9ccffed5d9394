package dev.spindle;

/** A job could not finish: a task failed too often, or the application was stopped under it. */
public final class JobFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
