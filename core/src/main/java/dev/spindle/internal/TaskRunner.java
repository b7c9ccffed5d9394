package dev.spindle.internal;

import dev.spindle.protocol.Message;
import dev.spindle.shuffle.FetchFailedException;
import dev.spindle.protocol.Messages.FetchFailed;
import dev.spindle.protocol.Messages.LaunchTask;
import dev.spindle.protocol.Messages.TaskFailed;
import dev.spindle.protocol.Messages.TaskFinished;
import dev.spindle.protocol.Transport;
import dev.spindle.task.Partition;
import dev.spindle.task.TaskContext;
import dev.spindle.task.TaskEnv;
import dev.spindle.task.TaskFunction;
import dev.spindle.util.JavaSerializer;

import dev.spindle.protocol.AccumulatorUpdate;
import dev.spindle.spi.AccumulatorState;
import dev.spindle.spi.TaskScope;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.io.StringWriter;
import java.util.Iterator;

/**
 * Runs one task attempt where it was sent: deserializes the stage closure and the partition with
 * the application's class loader, computes, and answers with the serialized result or the failure.
 * Every {@link Throwable} the task throws, {@link StackOverflowError} and a task's own
 * {@link OutOfMemoryError} included, becomes that task's failure: nothing a task does may end the
 * task thread silently. Stateless; called from an executor's task threads concurrently.
 */
public final class TaskRunner {
    private TaskRunner() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Message run(LaunchTask launch, String executorId, TaskEnv env, ClassLoader loader) {
        long start = System.nanoTime();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        // Entered before the closure is read: accumulators in it register as they are deserialized.
        TaskScope scope = new TaskScope(env::broadcast);
        scope.enter();
        TaskContext ctx = null;
        try {
            StageClosure closure = (StageClosure) JavaSerializer.deserialize(launch.taskBinary(), loader);
            Partition partition = (Partition) JavaSerializer.deserialize(launch.partition(), loader);
            ctx = new TaskContext(launch.taskId(), launch.attempt(), launch.jobId(), launch.stageId(),
                    launch.partitionIndex(), executorId, env, closure.shuffleInputs());
            Iterator it = closure.dataset().iterator(partition, ctx);
            Object result = ((TaskFunction) closure.function()).apply(ctx, it);
            byte[] bytes = JavaSerializer.serialize(result);
            String tooLarge = tooLargeToSend(bytes.length, RESULT_LIMIT);
            if (tooLarge != null) {
                return new TaskFailed(launch.taskId(), executorId, "dev.spindle.ResultTooLarge", tooLarge, "");
            }
            List<AccumulatorUpdate> updates = new ArrayList<>();
            for (AccumulatorState a : scope.accumulators()) {
                updates.add(new AccumulatorUpdate(a.id(), a.count(), a.longSum(), a.doubleSum()));
            }
            return new TaskFinished(launch.taskId(), executorId, bytes, System.nanoTime() - start,
                    ctx.metrics().snapshot(), updates);
        } catch (Throwable t) {
            FetchFailedException lost = FetchFailedException.find(t);
            if (lost != null) {
                return new FetchFailed(launch.taskId(), executorId, lost.shuffleId(), lost.mapPartition(),
                        lost.mapExecutorId(), lost.host(), lost.getMessage());
            }
            // Reported even when the JVM is unusable after it: the driver must hear why the task died.
            return failure(launch.taskId(), executorId, t);
        } finally {
            if (ctx != null) {
                // However the task ended, what it opened is closed and what it held goes back to the executor.
                ctx.resources().closeAll(launch.taskId());
                ctx.memory().releaseAll();
            }
            scope.exit();
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * Whether a task's error leaves this JVM unusable, so the executor must exit after reporting it
     * (as the JVM's own internal errors do); a stack overflow or a task's out-of-memory unwinds with
     * the task and leaves the executor fit for the next.
     */
    public static boolean leavesJvmUnusable(String exceptionClass) {
        return exceptionClass.equals(InternalError.class.getName()) || exceptionClass.equals(UnknownError.class.getName());
    }

    /** The most result bytes one TaskFinished may carry: a frame, less room for the message's other fields. */
    static final long RESULT_LIMIT = Transport.MAX_FRAME_BYTES - 64 * 1024;

    /**
     * The sentence for a result too large for one message, or null when it fits: checked by the sender,
     * since a frame over the limit would only close the connection and look like a lost executor.
     */
    static String tooLargeToSend(long resultBytes, long limit) {
        if (resultBytes <= limit) {
            return null;
        }
        return "the task's result is " + resultBytes + " bytes serialized, more than the " + limit
                + " one message can carry; bring back less (reduce, take, or save to a file)";
    }

    public static TaskFailed failure(long taskId, String executorId, Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        String message = t.getMessage() == null ? "" : t.getMessage();
        return new TaskFailed(taskId, executorId, t.getClass().getName(), message, trace.toString());
    }
}
