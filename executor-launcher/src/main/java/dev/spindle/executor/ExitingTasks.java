package dev.spindle.executor;

import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Messages.TaskFailed;
import dev.spindle.runtime.ExitCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which task runs on which task thread, so that when the JVM exits under running tasks the driver
 * hears whose fault it was: a task that called {@code System.exit} (or {@code Runtime.halt}) is
 * reported as that task's failure, counted like any other, instead of looking like a lost executor
 * whose tasks are requeued for free — which let such a task churn through executors without end. A JVM
 * ended by a signal (YARN stopping the container) blames no task: no task thread is then inside exit.
 *
 * <p>Thread-safe: task threads register themselves; the JVM's shutdown hook reads.
 */
final class ExitingTasks {
    private static final Logger LOG = LoggerFactory.getLogger(ExitingTasks.class);

    private final String executorId;
    private final Map<Thread, Long> taskOfThread = new ConcurrentHashMap<>();

    ExitingTasks(String executorId) {
        this.executorId = executorId;
    }

    void started(long taskId) {
        taskOfThread.put(Thread.currentThread(), taskId);
    }

    void ended() {
        taskOfThread.remove(Thread.currentThread());
    }

    /** Reports, on JVM exit, every running task whose thread is inside an exit call; waits (bounded) for each. */
    void installHook(Connection driver) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> report(driver), "spindle-exit-report"));
    }

    private void report(Connection driver) {
        taskOfThread.forEach((thread, taskId) -> {
            StackTraceElement[] stack = thread.getStackTrace();
            if (ExitCalls.inside(stack)) {
                LOG.error("Executor {}: task {} called System.exit, which ends this executor", executorId, taskId);
                StringBuilder trace = new StringBuilder();
                for (StackTraceElement e : stack) {
                    trace.append("\tat ").append(e).append('\n');
                }
                driver.sendAndWait(new TaskFailed(taskId, executorId, "java.lang.System.exit",
                        "the task called System.exit (or Runtime.halt), which ends its executor", trace.toString()), 2000);
            }
        });
    }
}
