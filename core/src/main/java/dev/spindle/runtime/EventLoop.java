package dev.spindle.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One named thread that runs a process's events in order: the state of the driver and of the
 * ApplicationMaster is owned by such a thread, and other threads (Netty's, YARN's callbacks, the
 * user's) only post to it.
 *
 * <p>Unlike a bare executor service, whose futures swallow what an event throws, an event that throws
 * is logged with its owner (the application or attempt id) and hands the exception to the owner's
 * failure handler once, on this thread; the owner then fails loudly (fails its jobs, unregisters,
 * exits with {@link ExitCode#EVENT_LOOP_FAILED}). Later events still run, so the owner can finish.
 *
 * <p>Thread-safe: {@link #post}, {@link #schedule}, {@link #call} and {@link #close} from any thread.
 */
public final class EventLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    private final String name;
    private final String owner;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile Consumer<Throwable> onFailure;
    private volatile Thread thread;

    /**
     * @param name  the thread's name, e.g. {@code spindle-driver-events}
     * @param owner who the events belong to, for the log (an application or attempt id)
     */
    public EventLoop(String name, String owner, Consumer<Throwable> onFailure) {
        this.name = name;
        this.owner = owner;
        this.onFailure = onFailure;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Changes who hears of a failed event; for owners that build their handler after the loop. */
    public void onFailure(Consumer<Throwable> handler) {
        this.onFailure = handler;
    }

    /** Runs {@code event} on the loop; returns false (and drops it) when the loop is closed. */
    public boolean post(Runnable event) {
        try {
            executor.execute(() -> runGuarded(event));
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /**
     * A scheduled event, to cancel. Not a future: what a timed event throws goes to the failure
     * handler like any event's, not into a future nobody reads.
     */
    public interface Timer {
        void cancel();
    }

    private static final Timer NONE = () -> { };

    /** Runs {@code event} on the loop after {@code delayMillis}. */
    public Timer schedule(Runnable event, long delayMillis) {
        try {
            ScheduledFuture<?> f = executor.schedule(() -> runGuarded(event), Math.max(0, delayMillis),
                    TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException closed) {
            return NONE;
        }
    }

    /** Runs {@code event} on the loop every {@code everyMillis}, first after as long. */
    public Timer every(long everyMillis, Runnable event) {
        try {
            ScheduledFuture<?> f = executor.scheduleWithFixedDelay(() -> runGuarded(event), everyMillis, everyMillis,
                    TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException closed) {
            return NONE;
        }
    }

    /**
     * Computes {@code question} on the loop and waits at most {@code timeoutMillis} for the answer, for
     * readers outside the loop. Called on the loop itself, it answers at once.
     *
     * @throws IllegalStateException when the loop is closed, the question threw, or no answer came in time
     */
    public <T> T call(Callable<T> question, long timeoutMillis) {
        if (inLoop()) {
            try {
                return question.call();
            } catch (Exception e) {
                throw new IllegalStateException(name + " could not answer: " + e, e);
            }
        }
        Future<T> f;
        try {
            f = executor.submit(question);
        } catch (RejectedExecutionException closed) {
            throw new IllegalStateException(name + " has stopped", closed);
        }
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + " could not answer: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new IllegalStateException(name + " did not answer within " + timeoutMillis + " ms", e);
        }
    }

    /** Whether the calling thread is this loop's. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Whether an event has thrown. */
    public boolean failed() {
        return failed.get();
    }

    private void runGuarded(Runnable event) {
        try {
            event.run();
        } catch (Throwable t) {
            LOG.error("{}: an event on {} threw; failing", owner, name, t);
            if (failed.compareAndSet(false, true)) {
                try {
                    onFailure.accept(t);
                } catch (Throwable again) {
                    LOG.error("{}: the failure handler of {} threw too", owner, name, again);
                }
            }
        }
    }

    /** Drops pending events and stops the thread (bounded wait); an event running now may finish. */
    @Override
    public void close() {
        executor.shutdownNow();
        if (!inLoop()) {
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("{}: {} did not stop within 5 s", owner, name);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
