package dev.spindle.am;

import dev.spindle.driver.Driver;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Cluster mode: the driver starts on a thread of its own while the AM's main thread registers with
 * the ResourceManager. In a cold JVM each is about half a second of class loading and round trips
 * (Netty and the UI server; YARN's RPC client and its SASL handshake), and neither needs the other
 * until the tracking URL is given and the driver link connects.
 *
 * <p>Threading: begun once; {@link #await()} may be called from any thread and waits for the start.
 */
final class DriverStartup {
    private final CompletableFuture<Driver> started;

    private DriverStartup(CompletableFuture<Driver> started) {
        this.started = started;
    }

    static DriverStartup begin(Callable<Driver> start) {
        return new DriverStartup(dev.spindle.util.DaemonThreads.supply("spindle-driver-start", start));
    }

    /** The started driver; a failed start as one sentence naming its cause. */
    Driver await() throws IOException {
        try {
            return started.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("the driver could not start: " + (cause instanceof IOException ? cause.getMessage()
                    : ClusterModeDriver.describe(cause)), cause);
        }
    }

    /** Completes with the driver's UI address ({@code http://host:port/}, empty when it has none). */
    CompletableFuture<String> uiUrl() {
        return started.thenApply(Driver::uiUrl);
    }

    /** Closes the driver once it is up, at once if it is; nothing if its start failed. */
    @SuppressWarnings("FutureReturnValueIgnored") // a failed start is reported by await(); nothing to close then
    void close() {
        started.thenAccept(Driver::close);
    }

    /**
     * The exception that failed the driver's event loop; null while it runs, and when it never started
     * (that failure is reported where the driver was first needed, by {@link #await()}).
     */
    Throwable failure() {
        Driver d = started.isDone() && !started.isCompletedExceptionally() ? started.join() : null;
        return d == null ? null : d.failure();
    }
}
