package dev.spindle.driver;

import java.util.Optional;

/**
 * The driver of the application running in this JVM, installed by whoever launches the job's
 * {@code main} (spindle-submit in client mode, the ApplicationMaster in cluster mode) so that
 * {@code new SpindleContext()} finds it.
 */
public final class DriverRuntime {
    private static volatile Driver current;

    private DriverRuntime() {
    }

    public static void install(Driver driver) {
        current = driver;
    }

    public static void clear(Driver driver) {
        if (current == driver) {
            current = null;
        }
    }

    public static Optional<Driver> current() {
        return Optional.ofNullable(current);
    }
}
