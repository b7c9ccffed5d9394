package dev.spindle.spi;

import java.util.Optional;

/**
 * The engine of the application running in this JVM, installed by whoever starts its driver
 * (spindle-submit in client mode, the ApplicationMaster in cluster mode) so that
 * {@code new SpindleContext()} finds it without the public API knowing the driver.
 */
public final class Engines {
    private static volatile Engine current;

    private Engines() {
    }

    public static synchronized void install(Engine engine) {
        current = engine;
    }

    /** Removes {@code engine} if it is the one installed; a later installation is left alone. */
    public static synchronized void clear(Engine engine) {
        if (current == engine) {
            current = null;
        }
    }

    public static Optional<Engine> current() {
        return Optional.ofNullable(current);
    }
}
