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
import java.util.List;
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
    private final EventLoop events;
    private final TaskDispatcher dispatcher;
    private final StagePlanner planner = new StagePlanner();
    private final AtomicInteger jobIds = new AtomicInteger();
    private final AtomicInteger stageIds = new AtomicInteger();
    /** Stages handed to the loop and not yet answered, so a driver that stops can fail what it dropped. */
    private final Set<StageRun> inFlight = ConcurrentHashMap.newKeySet();

    JobSubmitter(EventLoop events, TaskDispatcher dispatcher) {
        this.events = events;
        this.dispatcher = dispatcher;
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

    <T, R> List<R> runJob(Lineage<T> dataset, TaskFunction<T, R> function) {
        int jobId = jobIds.getAndIncrement();
        for (ShuffleDependency<?, ?, ?> dep : planner.missingShuffles(dataset)) {
            planner.recordOutputs(dep.shuffleId(), runMapStage(jobId, dep));
        }
        return runStage(jobId, dataset, function, "result");
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
        List<List<String>> hosts = new ArrayList<>(parts.size());
        for (int i = 0; i < partBytes.length; i++) {
            partBytes[i] = JavaSerializer.serialize(parts.get(i));
            hosts.add(List.copyOf(parts.get(i).preferredHosts()));
        }
        StageRun stage = new StageRun(jobId, stageIds.getAndIncrement(), what, binary, partBytes, hosts);
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
            // A new exception, so the trace shows the user's call site; the cause says why.
            throw new JobFailedException(e.getCause().getMessage(), e.getCause().getCause());
        } finally {
            inFlight.remove(stage);
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
}
