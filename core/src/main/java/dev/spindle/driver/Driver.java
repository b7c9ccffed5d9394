package dev.spindle.driver;

import dev.spindle.JobFailedException;
import dev.spindle.RemoteTaskException;
import dev.spindle.lineage.Lineage;
import dev.spindle.Pair;
import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.util.DaemonThreads;
import dev.spindle.util.JavaSerializer;
import dev.spindle.task.Partition;
import dev.spindle.internal.StageClosure;
import dev.spindle.task.TaskFunction;
import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.ExecutorDemand;
import dev.spindle.protocol.Messages.ExecutorExited;
import dev.spindle.protocol.Messages.FinishApplication;
import dev.spindle.protocol.Messages.Heartbeat;
import dev.spindle.protocol.Messages.LaunchTask;
import dev.spindle.protocol.Messages.Progress;
import dev.spindle.protocol.Messages.RegisterAm;
import dev.spindle.protocol.Messages.RegisterExecutor;
import dev.spindle.protocol.Messages.Shutdown;
import dev.spindle.protocol.Messages.TaskFailed;
import dev.spindle.protocol.Messages.TaskFinished;
import dev.spindle.protocol.Transport;
import dev.spindle.shuffle.MapStatus;
import dev.spindle.lineage.ShuffleDependency;
import dev.spindle.lineage.ShuffleWriter;
import io.netty.channel.Channel;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The driver of one application: the endpoint executors and the ApplicationMaster connect to, and
 * the scheduler that turns jobs into tasks on executors.
 *
 * <p>Threading: all state below the constructor's fields is owned by one event thread
 * ({@code spindle-driver-events}). Netty's I/O threads and the user's threads only post events to
 * it; {@link #runJob} blocks its calling thread until the job's future completes.
 */
public final class Driver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Driver.class);
    /** Which stage runs: lines meant for the user's console, not only the log. */
    private static final Logger PROGRESS = LoggerFactory.getLogger("dev.spindle.progress");

    private final SpindleConf conf;
    private final Configuration hadoopConf;
    private final LongSupplier clock;
    private final Transport transport;
    private final ScheduledExecutorService events;
    private final AtomicInteger jobIds = new AtomicInteger();
    private final AtomicInteger stageIds = new AtomicInteger();
    private final AtomicInteger shuffleIds = new AtomicInteger();
    private final StagePlanner planner = new StagePlanner();
    private final Channel server;
    private final String address;

    // Owned by the event thread.
    private final TaskScheduler<TaskRef> scheduler;
    private final Topology topology;
    private long wakeupAt = -1;
    private final Map<Connection, String> executorOf = new HashMap<>();
    private final Map<String, ExecutorState> executors = new HashMap<>();
    private final Map<Long, RunningTask> running = new HashMap<>();
    private Connection am;
    private FinishApplication finish;
    private boolean registrationWaitOver;
    private long nextTaskId;
    private final AtomicInteger jobsStarted = new AtomicInteger();
    private final AppStats stats = new AppStats();
    private float lastProgress = -1f;
    private Map<String, Integer> lastDemand;
    private boolean stopped;

    private record TaskRef(StageRun job, int partition) {
    }

    private record RunningTask(TaskRef ref, String executorId, TaskScheduler.Locality locality) {
    }

    private static final class ExecutorState {
        final Connection connection;
        final String host;
        long lastSeen;

        ExecutorState(Connection connection, String host, long lastSeen) {
            this.connection = connection;
            this.host = host;
            this.lastSeen = lastSeen;
        }
    }

    private Driver(SpindleConf conf, Configuration hadoopConf, LongSupplier clock, String bindHost,
                   String advertisedHost) throws IOException {
        this.conf = conf;
        this.hadoopConf = hadoopConf;
        this.clock = clock;
        this.topology = new Topology(hadoopConf);
        this.scheduler = new TaskScheduler<>(ref -> ref.job.preferredHosts.get(ref.partition), topology::rackOf,
                conf.get(CoreKeys.LOCALITY_WAIT_NODE), conf.get(CoreKeys.LOCALITY_WAIT_RACK), clock);
        this.transport = new Transport("driver", 2);
        this.events = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("spindle-driver-events"));
        try {
            this.server = transport.bind(bindHost, conf.get(CoreKeys.DRIVER_PORT), new Listener());
        } catch (IOException e) {
            transport.close();
            events.shutdownNow();
            throw e;
        }
        this.address = Transport.address(server, advertisedHost);
        long wait = conf.get(CoreKeys.MAX_REGISTERED_WAIT);
        events.schedule(this::endRegistrationWait, wait, TimeUnit.MILLISECONDS);
        long timeout = conf.get(CoreKeys.NETWORK_TIMEOUT);
        long every = Math.max(1000, timeout / 4);
        events.scheduleWithFixedDelay(this::dropSilentExecutors, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a driver listening on {@code bindHost}, reachable by executors at {@code advertisedHost};
     * {@code hadoopConf} reaches the cluster's file systems.
     */
    public static Driver start(SpindleConf conf, Configuration hadoopConf, String bindHost, String advertisedHost)
            throws IOException {
        return new Driver(conf, hadoopConf, System::currentTimeMillis, bindHost, advertisedHost);
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

    /**
     * Runs {@code function} over every partition of {@code dataset} and returns the results in
     * partition order, first running the shuffle map stages it depends on that have not run yet.
     * Blocks the calling thread.
     *
     * @throws JobFailedException if a task fails {@code spindle.task.maxFailures} times or the driver stops
     */
    public <T, R> List<R> runJob(Lineage<T> dataset, TaskFunction<T, R> function) {
        int jobId = jobIds.getAndIncrement();
        jobsStarted.incrementAndGet();
        for (ShuffleDependency<?, ?, ?> dep : planner.missingShuffles(dataset)) {
            planner.recordOutputs(dep.shuffleId(), runMapStage(jobId, dep));
        }
        return runStage(jobId, dataset, function, "result");
    }

    public int newShuffleId() {
        return shuffleIds.getAndIncrement();
    }

    private <K, V, C> List<MapStatus> runMapStage(int jobId, ShuffleDependency<K, V, C> dep) {
        return runStage(jobId, dep.parent(), mapTask(dep), "shuffle " + dep.shuffleId() + " map");
    }

    private static <K, V, C> TaskFunction<Pair<K, V>, MapStatus> mapTask(ShuffleDependency<K, V, C> dep) {
        return (task, records) -> ShuffleWriter.write(dep, task, records);
    }

    private <T, R> List<R> runStage(int jobId, Lineage<T> dataset, TaskFunction<T, R> function, String what) {
        List<? extends Partition> parts = dataset.partitions();
        if (parts.isEmpty()) {
            return List.of();
        }
        byte[] binary = JavaSerializer.serialize(new StageClosure(dataset, function, planner.shuffleInputs(dataset)));
        byte[][] partBytes = new byte[parts.size()][];
        for (int i = 0; i < partBytes.length; i++) {
            partBytes[i] = JavaSerializer.serialize(parts.get(i));
        }
        List<List<String>> hosts = new ArrayList<>(parts.size());
        for (Partition p : parts) {
            hosts.add(List.copyOf(p.preferredHosts()));
        }
        StageRun job = new StageRun(jobId, stageIds.getAndIncrement(), binary, partBytes, hosts);
        PROGRESS.info("job {}: stage {} ({}) starts: {} tasks", jobId, job.id, what, partBytes.length);
        events.execute(() -> submit(job));
        byte[][] raw;
        try {
            raw = job.future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailedException("interrupted while waiting for job " + jobId, e);
        } catch (ExecutionException e) {
            // A new exception, so the trace shows the user's call site; the cause says why.
            throw new JobFailedException(e.getCause().getMessage(), e.getCause().getCause());
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<R> results = new ArrayList<>(raw.length);
        for (byte[] r : raw) {
            try {
                @SuppressWarnings("unchecked")
                R value = (R) JavaSerializer.deserialize(r, loader);
                results.add(value);
            } catch (IOException | ClassNotFoundException e) {
                throw new JobFailedException("cannot read a result of job " + jobId + ": " + e, e);
            }
        }
        return results;
    }

    /**
     * Tells the ApplicationMaster to unregister with this final status, now or as soon as it connects.
     * Does not wait.
     */
    public void finishApplication(String finalStatus, String diagnostics) {
        events.execute(() -> {
            finish = new FinishApplication(finalStatus, diagnostics);
            if (am != null) {
                // Waits for the bytes to leave, so a close() right after cannot overtake the message.
                am.sendAndWait(finish, 2000);
            }
        });
    }

    /** Fails every running job with {@code reason}, for when the application ended under the driver. */
    public void abort(String reason) {
        events.execute(() -> {
            for (StageRun job : activeJobs()) {
                failJob(job, reason, null);
            }
        });
    }

    public ApplicationSummary summary() {
        try {
            return events.submit(() -> stats.summary(jobsStarted.get())).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("driver event thread did not answer: " + e, e);
        }
    }

    /** Tells executors to exit, fails what still runs, and closes the endpoint. */
    @Override
    public void close() {
        try {
            events.submit(() -> {
                stopped = true;
                LOG.info("Tasks with preferred hosts ran at {}", stats.locality().toLine());
                for (StageRun job : activeJobs()) {
                    failJob(job, "the driver stopped before job " + job.jobId + " finished", null);
                }
                for (ExecutorState e : executors.values()) {
                    e.connection.sendAndWait(new Shutdown("the application has finished"), 2000);
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Driver did not shut executors down cleanly: {}", e.toString());
        }
        events.shutdownNow();
        server.close().awaitUninterruptibly(2000);
        transport.close();
    }

    // ---- event thread ----

    private List<StageRun> activeJobs() {
        List<StageRun> out = new ArrayList<>();
        for (RunningTask t : running.values()) {
            if (!t.ref.job.future.isDone() && !out.contains(t.ref.job)) {
                out.add(t.ref.job);
            }
        }
        List<StageRun> pendingJobs = new ArrayList<>();
        scheduler.removePending(ref -> {
            if (!ref.job.future.isDone() && !pendingJobs.contains(ref.job)) {
                pendingJobs.add(ref.job);
            }
            return false;
        });
        for (StageRun j : pendingJobs) {
            if (!out.contains(j)) {
                out.add(j);
            }
        }
        return out;
    }

    private void submit(StageRun job) {
        if (stopped) {
            job.future.completeExceptionally(new JobFailedException("the driver has stopped", null));
            return;
        }
        stats.stageSubmitted(job.partitions.length);
        for (int p = 0; p < job.partitions.length; p++) {
            scheduler.enqueue(new TaskRef(job, p));
        }
        sendDemand();
        reportProgress();
        schedule();
    }

    private void schedule() {
        if (!registrationWaitOver) {
            int wanted = (int) Math.ceil(conf.get(CoreKeys.MIN_REGISTERED_RATIO) * conf.get(CoreKeys.EXECUTOR_INSTANCES));
            if (scheduler.executorCount() < Math.max(1, wanted)) {
                return;
            }
            registrationWaitOver = true;
        }
        for (TaskScheduler.Assignment<TaskRef> a : scheduler.assign()) {
            launch(a.task(), a.executorId(), a.locality());
        }
        // A slot waiting for local work may take less local work later: come back then.
        long next = scheduler.nextDecisionAt();
        if (next > 0 && (wakeupAt < 0 || next < wakeupAt)) {
            wakeupAt = next;
            events.schedule(() -> {
                wakeupAt = -1;
                schedule();
            }, Math.max(1, next - clock.getAsLong()), TimeUnit.MILLISECONDS);
        }
    }

    private void endRegistrationWait() {
        if (!registrationWaitOver) {
            registrationWaitOver = true;
            if (scheduler.pendingCount() > 0) {
                LOG.warn("Starting tasks on {} executors: the others did not register within {} ms",
                        scheduler.executorCount(), conf.get(CoreKeys.MAX_REGISTERED_WAIT));
            }
            schedule();
        }
    }

    private void launch(TaskRef ref, String executorId, TaskScheduler.Locality locality) {
        StageRun job = ref.job;
        long taskId = nextTaskId++;
        int attempt = job.attempts[ref.partition]++;
        running.put(taskId, new RunningTask(ref, executorId, locality));
        stats.taskLaunched(System.currentTimeMillis());
        executors.get(executorId).connection.send(new LaunchTask(taskId, attempt, job.jobId, job.id, ref.partition,
                job.binary, job.partitions[ref.partition]));
    }

    private void handle(Connection from, Message message) {
        if (message instanceof RegisterExecutor r) {
            registerExecutor(from, r);
        } else if (message instanceof RegisterAm r) {
            am = from;
            LOG.info("ApplicationMaster {} connected from {}", r.appAttemptId(), from.remoteAddress());
            if (lastProgress >= 0) {
                am.send(new Progress(lastProgress));
            }
            if (finish != null) {
                am.send(finish);
            }
            // Only real work tells the AM anything; before the first stage it asks on its own after a wait.
            if (stats.stagesSubmitted() > 0) {
                lastDemand = null;
                sendDemand();
            }
        } else if (message instanceof Heartbeat h) {
            ExecutorState e = executors.get(h.executorId());
            if (e != null) {
                e.lastSeen = clock.getAsLong();
            }
        } else if (message instanceof TaskFinished f) {
            taskFinished(f);
        } else if (message instanceof TaskFailed f) {
            taskFailed(f);
        } else if (message instanceof ExecutorExited e) {
            LOG.warn("Executor {} exited with status {}: {}", e.executorId(), e.exitStatus(), e.diagnostics());
            removeExecutor(e.executorId(), "its container exited with status " + e.exitStatus());
        } else {
            LOG.warn("Ignoring unexpected {} from {}", message.getClass().getSimpleName(), from);
        }
    }

    private void registerExecutor(Connection from, RegisterExecutor r) {
        if (stopped || executors.containsKey(r.executorId())) {
            LOG.warn("Refusing executor {} from {}: {}", r.executorId(), from.remoteAddress(),
                    stopped ? "the driver has stopped" : "an executor with that id is registered");
            from.send(new Shutdown("refused by the driver"));
            from.close();
            return;
        }
        executors.put(r.executorId(), new ExecutorState(from, r.host(), clock.getAsLong()));
        executorOf.put(from, r.executorId());
        scheduler.addExecutor(r.executorId(), r.host(), r.cores());
        stats.executorRegistered(System.currentTimeMillis());
        LOG.info("Executor {} registered from {} with {} cores (container {})", r.executorId(), r.host(), r.cores(),
                r.containerId());
        schedule();
    }

    private void taskFinished(TaskFinished f) {
        RunningTask t = running.remove(f.taskId());
        if (t == null) {
            return;
        }
        scheduler.release(t.executorId);
        ExecutorState where = executors.get(t.executorId);
        stats.taskSucceeded(where == null ? t.executorId : t.executorId + "@" + where.host, t.locality, f.metrics());
        StageRun job = t.ref.job;
        if (!job.future.isDone() && job.results[t.ref.partition] == null) {
            job.results[t.ref.partition] = f.result();
            stats.resultAccepted();
            if (--job.remaining == 0) {
                PROGRESS.info("job {}: stage {} finished in {} ms", job.jobId, job.id,
                        (System.nanoTime() - job.startNanos) / 1_000_000);
                job.future.complete(job.results);
            }
            reportProgress();
        }
        schedule();
    }

    private void taskFailed(TaskFailed f) {
        RunningTask t = running.remove(f.taskId());
        if (t == null) {
            return;
        }
        scheduler.release(t.executorId);
        stats.attemptFailed();
        StageRun job = t.ref.job;
        int p = t.ref.partition;
        LOG.warn("Task {} (stage {}, partition {}) failed on executor {}: {}", f.taskId(), job.id, p, t.executorId,
                f.describe());
        if (!job.future.isDone()) {
            int failures = ++job.failures[p];
            int max = conf.get(CoreKeys.TASK_MAX_FAILURES);
            if (failures >= max) {
                failJob(job, "Job " + job.jobId + " failed: task for partition " + p + " of stage " + job.id + " failed "
                                + failures
                                + (failures == 1 ? " time" : " times") + ", most recently on executor " + t.executorId
                                + ": " + f.describe(),
                        new RemoteTaskException(f.exceptionClass(), f.message(), f.stackTrace()));
            } else {
                scheduler.enqueueFirst(t.ref);
            }
        }
        schedule();
    }

    private void failJob(StageRun job, String message, Throwable cause) {
        if (job.future.isDone()) {
            return;
        }
        LOG.error("{}", message);
        scheduler.removePending(ref -> ref.job == job);
        job.future.completeExceptionally(new JobFailedException(message, cause));
    }

    private void removeExecutor(String executorId, String reason) {
        ExecutorState state = executors.remove(executorId);
        if (state == null) {
            return;
        }
        executorOf.remove(state.connection);
        scheduler.removeExecutor(executorId);
        int requeued = 0;
        for (Iterator<Map.Entry<Long, RunningTask>> it = running.entrySet().iterator(); it.hasNext(); ) {
            RunningTask t = it.next().getValue();
            if (t.executorId.equals(executorId)) {
                it.remove();
                if (!t.ref.job.future.isDone()) {
                    scheduler.enqueueFirst(t.ref);
                    requeued++;
                }
            }
        }
        if (!stopped) {
            LOG.warn("Lost executor {} on {} ({}); {} running tasks will run again", executorId, state.host, reason,
                    requeued);
        }
        schedule();
    }

    private void dropSilentExecutors() {
        long now = clock.getAsLong();
        long timeout = conf.get(CoreKeys.NETWORK_TIMEOUT);
        for (Map.Entry<String, ExecutorState> e : new ArrayList<>(executors.entrySet())) {
            if (now - e.getValue().lastSeen > timeout) {
                e.getValue().connection.close();
                removeExecutor(e.getKey(), "no heartbeat for " + timeout + " ms");
            }
        }
    }

    /** Tells the AM where the pending work's input is, when that changed, for its container requests. */
    private void sendDemand() {
        if (am == null) {
            return;
        }
        Map<String, Integer> demand = scheduler.pendingByHost();
        if (!demand.equals(lastDemand)) {
            lastDemand = demand;
            am.send(new ExecutorDemand(demand));
        }
    }

    private void reportProgress() {
        float progress = stats.progress();
        if (progress != lastProgress) {
            lastProgress = progress;
            if (am != null) {
                am.send(new Progress(progress));
            }
        }
    }

    /** Posts to the event thread unless the driver has shut it down, when late events have no one to tell. */
    private void post(Runnable event) {
        try {
            events.execute(event);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed: connections close as the driver stops; nothing is waiting for these events.
        }
    }

    private final class Listener implements MessageListener {
        @Override
        public void onMessage(Connection connection, Message message) {
            post(() -> handle(connection, message));
        }

        @Override
        public void onDisconnected(Connection connection) {
            post(() -> {
                if (connection.equals(am)) {
                    am = null;
                    if (!stopped) {
                        LOG.warn("ApplicationMaster disconnected");
                    }
                    return;
                }
                String id = executorOf.get(connection);
                if (id != null) {
                    removeExecutor(id, "its connection closed");
                }
            });
        }
    }
}
