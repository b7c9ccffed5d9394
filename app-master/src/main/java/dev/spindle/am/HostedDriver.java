package dev.spindle.am;

/** The driver the ApplicationMaster hosts in cluster mode: the job's {@code main} on a thread of its own. */
interface HostedDriver {
    /** Starts the job's {@code main}; it tells the AM its outcome through the driver link. */
    void start();

    /** Stops the driver: its executors are told to exit. */
    void stop();

    /** The exception that failed the driver's event loop, or null. */
    Throwable failure();
}
