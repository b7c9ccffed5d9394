package dev.spindle.driver;

import dev.spindle.JobFailedException;
import dev.spindle.lineage.Lineage;
import dev.spindle.Pair;
import dev.spindle.util.JavaSerializer;
import dev.spindle.task.Partition;
import dev.spindle.internal.StageClosure;
import dev.spindle.task.TaskFunction;
import dev.spindle.runtime.EventLoop;
import dev.spindle.shuffle.MapStatus;
import dev.spindle.lineage.ShuffleDependency;
import dev.spindle.lineage.ShuffleWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a job on the caller's thread: the shuffle map stages it needs first, then the result stage;
 * each stage serialized here, handed to the event loop, and waited for.
 *
 * <p>Thread-safe: jobs may run from several user threads at once.
 */
final class JobSubmitter {
    /** Which stage runs: lines meant for the user's console, not only the log. */
    private static final org.slf4j.Logger PROGRESS = org.slf4j.LoggerFactory.getLogger("dev.spindle.progress");

    private final EventLoop events;
    private final TaskDispatcher dispatcher;
    private final StagePlanner planner = new StagePlanner();
    private final AtomicInteger jobIds = new AtomicInteger();
    private final AtomicInteger stageIds = new AtomicInteger();
    /** Stages handed to the loop and not yet answered, so a driver that stops can fail what it dropped. */
    private final Set<StageRun> inFlight = ConcurrentHashMap.newKeySet();

    private final CacheTracker cached;

    JobSubmitter(EventLoop events, TaskDispatcher dispatcher, CacheTracker cached) {
        this.events = events;
        this.dispatcher = dispatcher;
        this.cached = cached;
        // Before any executor can register: events posted later see it.
        dispatcher.outputHeirs(planner::adopt);
    }

    /** Fails the stages still waiting for an answer; for after the event loop has stopped. */
    void failInFlight(String reason) {
        for (StageRun stage : inFlight) {
            stage.future.completeExceptionally(new JobFailedException(reason, null));
        }
    }

    int jobsStarted() {
        return jobIds.get();
    }

    /**
     * Runs the shuffle map stages {@code dataset} needs, then its result stage. When a task finds a map
     * output lost (its executor is gone, its file missing or damaged), the output is forgotten and the
     * plan is made again: only the missing map partitions run, recursively through lost parents, and
     * then the stage that could not read them. A shuffle whose outputs are lost {@value #MAX_LOSSES}
     * times in one job fails the job.
     */
    <T, R> List<R> runJob(Lineage<T> dataset, TaskFunction<T, R> function, int[] partitions) {
        int jobId = jobIds.getAndIncrement();
        Map<Integer, Integer> losses = new HashMap<>();
        while (true) {
            try {
                for (ShuffleDependency<?, ?, ?> dep : planner.missingShuffles(dataset)) {
                    runMapStage(jobId, dep);
                }
                return runStage(jobId, dataset, function, "result", partitions, false, "job " + jobId);
            } catch (MapOutputLost lost) {
                int times = losses.merge(lost.shuffleId, 1, Integer::sum);
                if (times >= MAX_LOSSES) {
                    throw new JobFailedException("Job " + jobId + " failed: map outputs of shuffle " + lost.shuffleId
                            + " were lost " + times + " times; most recently: " + lost.getMessage(), null);
                }
                int forgotten = planner.unregister(lost.shuffleId, lost.mapPartition, lost.mapExecutorId);
                if (forgotten == 0) {
                    PROGRESS.info("job {}: {}; another executor on its host serves executor {}'s map outputs now:"
                            + " running the stage again", jobId, lost.getMessage(), lost.mapExecutorId);
                } else {
                    PROGRESS.info("job {}: {}; recomputing {} lost map {} of executor {}", jobId, lost.getMessage(),
                            forgotten, forgotten == 1 ? "output" : "outputs", lost.mapExecutorId);
                }
            }
        }
    }

    /** Stages in a row one shuffle may lose map outputs in before the job fails. */
    static final int MAX_LOSSES = 4;

    private <K, V, C> void runMapStage(int jobId, ShuffleDependency<K, V, C> dep) {
        int mapPartitions = dep.parent().partitions().size();
        int[] missing = planner.missingPartitions(dep.shuffleId(), mapPartitions);
        boolean recompute = missing.length < mapPartitions;
        String what = "shuffle " + dep.shuffleId() + " map" + (recompute ? ", recomputing " + missing.length
                + " of " + mapPartitions + " partitions" : "");
        List<MapStatus> outputs = runStage(jobId, dep.parent(), mapTask(dep), what, recompute ? missing : null, recompute,
                "shuffle " + dep.shuffleId());
        planner.recordOutputs(dep.shuffleId(), mapPartitions, missing, outputs);
    }

    private static <K, V, C> TaskFunction<Pair<K, V>, MapStatus> mapTask(ShuffleDependency<K, V, C> dep) {
        return (task, records) -> ShuffleWriter.write(dep, task, records);
    }

    /**
     * Runs {@code only} these partitions of {@code dataset}, or all when null; results in that order.
     * {@code recompute}: the partitions are map outputs computed again because they were lost;
     * {@code updateScope}: see {@link StageRun#updateScope}.
     */
    /** Below this many partitions or results a stage's (de)serialization stays on the caller's thread. */
    private static final int PARALLEL_FROM = 256;

    private <T, R> List<R> runStage(int jobId, Lineage<T> dataset, TaskFunction<T, R> function, String what,
                                    int[] only, boolean recompute, String updateScope) {
        List<? extends Partition> all = dataset.partitions();
        int[] ids = only != null ? only : java.util.stream.IntStream.range(0, all.size()).toArray();
        List<Partition> parts = new ArrayList<>(ids.length);
        for (int id : ids) {
            parts.add(all.get(id));
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        byte[] binary = JavaSerializer.serialize(new StageClosure(dataset, function, planner.shuffleInputs(dataset)));
        byte[][] partBytes = new byte[parts.size()][];
        List<List<String>> hosts = new ArrayList<>(parts.size());
        for (int i = 0; i < partBytes.length; i++) {
            hosts.add(List.copyOf(parts.get(i).preferredHosts()));
        }
        // A stage of many small tasks spends most of the caller's time in Java serialization, one
        // stream per partition: spread over the cores (each partition is serialized on its own).
        forEachIndex(partBytes.length, i -> partBytes[i] = JavaSerializer.serialize(parts.get(i)));
        List<Set<String>> holders = cached.holders(dataset, ids);
        StageRun stage = new StageRun(jobId, stageIds.getAndIncrement(), what, binary, partBytes, ids, hosts,
                recompute, updateScope, holders);
        byte[][] raw;
        inFlight.add(stage);
        try {
            if (!events.post(() -> dispatcher.submit(stage))) {
                throw new JobFailedException("the driver has stopped", null);
            }
            raw = stage.future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailedException("interrupted while waiting for job " + jobId, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MapOutputLost lost) {
                throw lost;
            }
            // A new exception, so the trace shows the user's call site; the cause says why.
            throw new JobFailedException(e.getCause().getMessage(), e.getCause().getCause());
        } finally {
            inFlight.remove(stage);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Object[] results = new Object[raw.length];
        byte[][] answers = raw;
        forEachIndex(raw.length, i -> {
            try {
                results[i] = JavaSerializer.deserialize(answers[i], loader);
            } catch (IOException | ClassNotFoundException e) {
                throw new JobFailedException("cannot read a result of job " + jobId + ": " + e, e);
            }
        });
        @SuppressWarnings("unchecked")
        List<R> typed = (List<R>) java.util.Arrays.asList(results);
        return new ArrayList<>(typed);
    }

    /** Runs {@code body} for 0 … n-1, on the common pool's threads as well when there are enough to share. */
    private static void forEachIndex(int n, java.util.function.IntConsumer body) {
        if (n < PARALLEL_FROM) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        // The first failure itself is rethrown here: the pool would rethrow a copy wrapping it, and the
        // user's message (a closure that cannot be serialized) would change.
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            if (failure.get() == null) {
                try {
                    body.accept(i);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
