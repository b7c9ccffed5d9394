package dev.spindle.status;

/**
 * Takes the driver's {@link StatusEvent}s. Called on the driver's event thread (and, for
 * {@link StatusEvent.ApplicationStarted}, the thread that starts the driver): implementations return
 * quickly and must be safe for readers on other threads.
 */
@FunctionalInterface
public interface StatusListener {
    StatusListener NONE = e -> { };

    void on(StatusEvent event);
}
