package dev.spindle.driver;

import dev.spindle.JobFailedException;
import dev.spindle.lineage.Lineage;
import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.hdfs.FileOutputCommitter;
import dev.spindle.task.TaskFunction;
import dev.spindle.protocol.Messages.FinishApplication;
import dev.spindle.protocol.Messages.Forget;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Transport;
import dev.spindle.protocol.TransportSecurity;
import dev.spindle.security.AppSecret;
import dev.spindle.runtime.EventLoop;
import io.netty.channel.Channel;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The driver of one application: the endpoint executors and the ApplicationMaster connect to, and
 * the runner of jobs on them. A façade that wires the parts: {@link DriverEndpoint} (messages in),
 * {@link TaskDispatcher} (the state, on one {@link EventLoop}), {@link JobSubmitter} (jobs from user
 * threads).
 *
 * <p>An event that throws fails the driver: every running and later job fails with a
 * {@link JobFailedException} naming the exception, and {@link #failure()} tells the process hosting
 * the driver, which then exits with {@code EVENT_LOOP_FAILED}. Thread-safe.
 */
public final class Driver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Driver.class);

    private final SpindleConf conf;
    private final Configuration hadoopConf;
    private final EventLoop events;
    private final TaskDispatcher dispatcher;
    private final JobSubmitter jobs;
    private final Transport transport;
    private final Channel server;
    private final String address;
    private final AtomicInteger shuffleIds = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final FileOutputCommitter.Writer outputWriter;
    private final Accumulators accumulators = new Accumulators();
    private final CacheTracker cached = new CacheTracker();
    private final Broadcasts broadcasts = new Broadcasts(Transport.MAX_FRAME_BYTES - 64 * 1024);
    private final dev.spindle.status.StatusStore status = new dev.spindle.status.StatusStore();
    /** The event log, or null when spindle.eventLog.dir is empty (or it could not be opened). */
    private final dev.spindle.status.EventLogWriter eventLog;
    /** Where the dispatcher's status events go: the store, and the event log when there is one. */
    private final dev.spindle.status.StatusListener listener;
    /** The web UI, or null when spindle.ui.enabled is false. */
    private final dev.spindle.ui.UiServer ui;

    private Driver(SpindleConf conf, Configuration hadoopConf, AppSecret secret, LongSupplier clock, String bindHost,
                   String advertisedHost) throws IOException {
        this.conf = conf;
        this.hadoopConf = hadoopConf;
        // A driver outside YARN (tests, tools) still needs a name no other writer of an output shares.
        this.outputWriter = new FileOutputCommitter.Writer(conf.get(CoreKeys.APP_ID).isEmpty()
                ? "driver-" + java.util.UUID.randomUUID() : conf.get(CoreKeys.APP_ID), conf.get(CoreKeys.APP_ATTEMPT));
        String owner = conf.get(CoreKeys.APP_ID).isEmpty() ? "driver" : "driver of " + conf.get(CoreKeys.APP_ID);
        this.events = new EventLoop("spindle-driver-events", owner, this::failed);
        this.dispatcher = new TaskDispatcher(conf, new Topology(hadoopConf), clock, events, accumulators, cached);
        this.eventLog = openEventLog(conf, hadoopConf);
        this.listener = eventLog == null ? status : e -> {
            status.on(e);
            eventLog.on(e);
        };
        this.dispatcher.statusListener(listener);
        listener.on(new dev.spindle.status.StatusEvent.ApplicationStarted(conf.get(CoreKeys.APP_ID),
                conf.get(CoreKeys.APP_NAME), System.getProperty("user.name", ""),
                dev.spindle.status.Redaction.mask(conf.asMap()), System.currentTimeMillis()));
        this.jobs = new JobSubmitter(events, dispatcher, cached);
        this.transport = new Transport("driver", 2, TransportSecurity.of(secret, conf.get(CoreKeys.NETWORK_CRYPTO)));
        try {
            this.server = transport.bind(bindHost, conf.get(CoreKeys.DRIVER_PORT),
                    Set.of(Link.EXECUTOR, Link.APPLICATION_MASTER), new DriverEndpoint(events, dispatcher, broadcasts, cached));
        } catch (IOException e) {
            transport.close();
            events.close();
            throw e;
        }
        this.address = Transport.address(server, advertisedHost);
        this.ui = startUi(conf, hadoopConf, bindHost, advertisedHost, status);
        // Timers live as long as the loop; close() ends them with it.
        events.schedule(dispatcher::endRegistrationWait, conf.get(CoreKeys.MAX_REGISTERED_WAIT));
        events.every(Math.max(1000, conf.get(CoreKeys.NETWORK_TIMEOUT) / 4), dispatcher::dropSilentExecutors);
    }

    /**
     * Starts a driver listening on {@code bindHost}, reachable by executors at {@code advertisedHost};
     * {@code hadoopConf} reaches the cluster's file systems. Only peers holding the application's
     * {@code secret} are heard.
     */
    public static Driver start(SpindleConf conf, Configuration hadoopConf, AppSecret secret, String bindHost,
                               String advertisedHost) throws IOException {
        return new Driver(conf, hadoopConf, secret, System::currentTimeMillis, bindHost, advertisedHost);
    }

    private static dev.spindle.status.EventLogWriter openEventLog(SpindleConf conf, Configuration hadoopConf) {
        String dir = conf.get(CoreKeys.EVENT_LOG_DIR);
        if (dir.isEmpty() || conf.get(CoreKeys.APP_ID).isEmpty()) {
            return null;
        }
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
            return dev.spindle.status.EventLogWriter.open(path.getFileSystem(hadoopConf), path,
                    conf.get(CoreKeys.APP_ID), conf.get(CoreKeys.APP_ATTEMPT));
        } catch (IOException | RuntimeException e) {
            // The job runs without its history rather than not at all.
            LOG.warn("The event log could not be opened in {}: {}", dir, e.toString());
            return null;
        }
    }

    private static dev.spindle.ui.UiServer startUi(SpindleConf conf, Configuration hadoopConf, String bindHost,
                                                   String advertisedHost, dev.spindle.status.StatusStore status) {
        if (!conf.get(CoreKeys.UI_ENABLED)) {
            return null;
        }
        try {
            return dev.spindle.ui.UiServer.start(status, bindHost, conf.get(CoreKeys.UI_PORT), advertisedHost,
                    dev.spindle.ui.YarnProxy.gate(hadoopConf, conf.get(CoreKeys.APP_ID)));
        } catch (IOException | RuntimeException e) {
            // The job runs without its UI rather than not at all.
            LOG.warn("The driver's web UI could not start on {}:{}: {}", bindHost, conf.get(CoreKeys.UI_PORT),
                    e.toString());
            return null;
        }
    }

    /** The web UI's address ({@code http://host:port/}), or empty when there is none. */
    public String uiUrl() {
        return ui == null ? "" : ui.url();
    }

    /** What the driver has run and runs: stages, tasks, executors; safe to read from any thread. */
    public dev.spindle.status.StatusStore status() {
        return status;
    }

    /** host:port where executors and the ApplicationMaster reach this driver. */
    public String address() {
        return address;
    }

    public SpindleConf conf() {
        return conf;
    }

    /** The cluster's Hadoop configuration; callers copy it before changing it. */
    public Configuration hadoopConf() {
        return hadoopConf;
    }

    /** Who this driver is when it writes an output: its application and attempt. */
    public FileOutputCommitter.Writer outputWriter() {
        return outputWriter;
    }

    /**
     * Runs {@code function} over every partition of {@code dataset} and returns the results in
     * partition order, first running the shuffle map stages it depends on that have not run yet.
     * Blocks the calling thread.
     *
     * @throws JobFailedException if a task fails {@code spindle.task.maxFailures} times, or the driver
     *                            stopped or failed
     */
    public <T, R> List<R> runJob(Lineage<T> dataset, TaskFunction<T, R> function) {
        return jobs.runJob(dataset, function, null);
    }

    /** As {@link #runJob(Lineage, TaskFunction)} over only {@code partitions} (all when null), in their order. */
    public <T, R> List<R> runJob(Lineage<T> dataset, TaskFunction<T, R> function, int[] partitions) {
        return jobs.runJob(dataset, function, partitions);
    }

    /** A new accumulator's state, into which the updates of successful tasks merge. */
    public dev.spindle.spi.AccumulatorState newAccumulator(String name) {
        return accumulators.create(name);
    }

    /** Keeps a broadcast's serialized value for executors to fetch; returns its id. */
    public long broadcast(byte[] value) {
        return broadcasts.add(value);
    }

    /** Executors drop their copies of a broadcast; it stays fetchable. */
    public void unpersistBroadcast(long id) {
        Forget forget = new Forget(Forget.Kind.BROADCAST, id);
        events.post(() -> dispatcher.tellExecutors(forget));
    }

    /** Forgets a broadcast here and on the executors. */
    public void destroyBroadcast(long id) {
        broadcasts.destroy(id);
        unpersistBroadcast(id);
    }

    /** A new id for a dataset being persisted. */
    public int newDatasetId() {
        return cached.newDatasetId();
    }

    /** Forgets where a persisted dataset's partitions are and has the executors drop them. */
    public void unpersist(int datasetId) {
        cached.forget(datasetId);
        Forget forget = new Forget(Forget.Kind.CACHED_DATASET, datasetId);
        events.post(() -> dispatcher.tellExecutors(forget));
    }

    /** How many broadcast requests executors made; for tests. */
    int broadcastRequestsServed() {
        return broadcasts.served();
    }

    public int newShuffleId() {
        return shuffleIds.getAndIncrement();
    }

    /** The exception that failed the driver's event loop, or null while it has not failed. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Tells the ApplicationMaster to unregister with this final status, now or as soon as it connects.
     * Does not wait.
     */
    public void finishApplication(String finalStatus, String diagnostics) {
        FinishApplication message = new FinishApplication(finalStatus, diagnostics);
        listener.on(new dev.spindle.status.StatusEvent.ApplicationEnded(finalStatus, diagnostics,
                System.currentTimeMillis()));
        events.post(() -> dispatcher.finishApplication(message));
    }

    /**
     * The application ended under the driver (killed, its AM failed): fails every running job with
     * {@code reason}, and every job submitted later at once, since no executor will come for it.
     */
    public void abort(String reason) {
        events.post(() -> dispatcher.stop(reason, null));
    }

    public ApplicationSummary summary() {
        return events.call(() -> dispatcher.stats().summary(jobs.jobsStarted()), 10_000);
    }

    /** Runs {@code event} on the driver's event loop, as its own events run; for tests of failure handling. */
    void postForTest(Runnable event) {
        events.post(event);
    }

    /** Tells executors to exit, fails what still runs, and closes the endpoint. */
    @Override
    public void close() {
        try {
            events.call(() -> {
                LOG.info("Tasks with preferred hosts ran at {}", dispatcher.stats().locality().toLine());
                dispatcher.stop("the driver stopped before the job finished", null);
                dispatcher.shutdownExecutors("the application has finished");
                return null;
            }, 10_000);
        } catch (IllegalStateException e) {
            LOG.warn("Driver did not shut executors down cleanly: {}", e.getMessage());
        }
        events.close();
        jobs.failInFlight("the driver stopped before the job finished");
        server.close().awaitUninterruptibly(2000);
        transport.close();
        if (ui != null) {
            ui.close();
        }
        if (eventLog != null) {
            eventLog.close();
        }
    }

    /** On the event loop, once: the first exception an event threw. */
    private void failed(Throwable t) {
        failure.compareAndSet(null, t);
        dispatcher.stop("the driver failed: an internal event threw " + describe(t)
                + " (a bug in Spindle; the driver's log has the stack trace)", t);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
    }
}
