package dev.spindle.driver;

import dev.spindle.lineage.LineageEngine;
import dev.spindle.spi.Engine;
import dev.spindle.spi.Engines;

import java.util.Optional;

/**
 * The driver of the application running in this JVM, installed by whoever launches the job's
 * {@code main} (spindle-submit in client mode, the ApplicationMaster in cluster mode) so that
 * {@code new SpindleContext()} finds it: installing a driver installs the engine over it in
 * {@link Engines}, the only way the public API reaches it.
 */
public final class DriverRuntime {
    private static Driver current;
    private static Engine engine;

    private DriverRuntime() {
    }

    public static synchronized void install(Driver driver) {
        current = driver;
        engine = new LineageEngine(new DriverJobs(driver));
        Engines.install(engine);
    }

    public static synchronized void clear(Driver driver) {
        if (current == driver) {
            Engines.clear(engine);
            current = null;
            engine = null;
        }
    }

    public static synchronized Optional<Driver> current() {
        return Optional.ofNullable(current);
    }
}
