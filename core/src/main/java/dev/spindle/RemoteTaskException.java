package dev.spindle;

/**
 * The exception a task threw on an executor, as the driver learned it: the original class name,
 * message and stack trace travel as text because the class may not exist on the driver.
 */
public final class RemoteTaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String exceptionClass;
    private final String remoteStackTrace;

    public RemoteTaskException(String exceptionClass, String message, String remoteStackTrace) {
        super(message.isEmpty() ? exceptionClass : exceptionClass + ": " + message, null, false, false);
        this.exceptionClass = exceptionClass;
        this.remoteStackTrace = remoteStackTrace;
    }

    public String exceptionClass() {
        return exceptionClass;
    }

    public String remoteStackTrace() {
        return remoteStackTrace;
    }
}
