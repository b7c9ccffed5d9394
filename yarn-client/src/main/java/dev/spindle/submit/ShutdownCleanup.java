package dev.spindle.submit;

import dev.spindle.runtime.ExitCalls;
import dev.spindle.util.DaemonThreads;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What spindle-submit undoes when its JVM ends under a live application: Ctrl-C (SIGINT), SIGTERM,
 * or, in client mode, the job's main calling {@code System.exit}. In client mode it first fails the
 * driver's jobs, so that the job's main, on its own thread, fails out of its action and a save
 * removes its uncommitted output, and waits (at most {@code spindle.submit.interruptWait}) for that
 * main to return. Then it kills the application unless it has ended, deletes the staging directory,
 * and prints one line saying what it did. Every step is bounded and caught: one that throws or hangs
 * is named in that line, and the later steps still run. It never calls exit or halt, so the JVM's
 * exit status stays the signal's (130 for SIGINT, 143 for SIGTERM).
 *
 * <p>Threading: built, {@link #register registered} and {@link #close closed} on spindle-submit's main
 * thread; the thread running the job's main reports {@link #enterUserMain entering} and
 * {@link #userMainReturned leaving} it; the hook runs on Hadoop's shutdown-hook thread. Exactly one
 * of the hook and {@code close} claims the cleanup and the other does nothing, so a normal end never
 * races a late signal. Once the hook has claimed it, spindle-submit's own threads are held where
 * going on would race it (closing the YarnClient the hook kills through, printing a second report).
 */
final class ShutdownCleanup implements AutoCloseable {
    /**
     * Before FileSystem's hook (priority 10), which closes the cached file systems that this hook and
     * the job's save (deleting its output) still use. Hadoop runs its hooks one after another.
     */
    static final int PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 20;
    /** Longest wait for the kill, and for the staging directory's removal. */
    static final long STEP_TIMEOUT_MILLIS = 15_000;
    static final String REASON = "spindle-submit was interrupted (Ctrl-C or SIGTERM)";
    /** How long a held thread waits for the JVM to halt once the hook is done; it halts at once. */
    private static final long HALT_GRACE_MILLIS = 60_000;

    /** One step of the cleanup: does its work and says in a few words what it did. */
    @FunctionalInterface
    interface Step {
        String run() throws Exception;
    }

    private final Consumer<String> failJobs;
    private final long mainWaitMillis;
    private final Step kill;
    private final String killWhat;
    private final Step removeStaging;
    private final PrintStream err;
    private final long stepTimeoutMillis;
    private final Runnable hook = this::onShutdown;
    private final CountDownLatch hookDone = new CountDownLatch(1);
    private final Object lock = new Object();
    /** Guarded by lock. */
    private boolean claimedByHook;
    private boolean closed;
    /** The thread running the job's main while it runs, else null; guarded by lock. */
    private Thread userMain;

    /**
     * @param failJobs       fails the driver's running and later jobs with a reason (client mode), or null
     *                       when the driver is not in this process (cluster mode)
     * @param mainWaitMillis longest wait for the job's main to return once its jobs were failed
     * @param kill           kills the application unless it has ended
     * @param killWhat       what {@code kill} does, for the line when it fails ("kill application_…")
     * @param removeStaging  deletes the staging directory
     */
    ShutdownCleanup(Consumer<String> failJobs, long mainWaitMillis, Step kill, String killWhat, Step removeStaging,
                    PrintStream err, long stepTimeoutMillis) {
        this.failJobs = failJobs;
        this.mainWaitMillis = mainWaitMillis;
        this.kill = kill;
        this.killWhat = killWhat;
        this.removeStaging = removeStaging;
        this.err = err;
        this.stepTimeoutMillis = stepTimeoutMillis;
    }

    /** Installs the hook; from now until {@link #close} a JVM exit cleans up. */
    void register() {
        ShutdownHookManager.get().addShutdownHook(hook, PRIORITY, budgetMillis(), TimeUnit.MILLISECONDS);
    }

    /** The longest the hook can take: its waits for the job's main, the kill and the staging directory. */
    private long budgetMillis() {
        return mainWaitMillis + 2 * stepTimeoutMillis + 5_000;
    }

    /** Spindle-submit is done with the application: removes the hook, or, if it already runs, holds this thread. */
    @Override
    public void close() {
        boolean mine;
        synchronized (lock) {
            mine = !claimedByHook;
            closed |= mine;
        }
        if (!mine) {
            holdIfEnding();
            return;
        }
        try {
            ShutdownHookManager.get().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already ending: the hook will still run, find the cleanup closed, and do nothing.
        }
    }

    /** Called on the thread about to run the job's main; holds it instead if the JVM is already ending. */
    void enterUserMain() {
        synchronized (lock) {
            if (!claimedByHook) {
                userMain = Thread.currentThread();
                return;
            }
        }
        holdIfEnding();
    }

    /** Called on that thread once the job's main has returned; holds it if the JVM is ending. */
    void userMainReturned() {
        synchronized (lock) {
            userMain = null;
            lock.notifyAll();
        }
        holdIfEnding();
    }

    /**
     * Once the hook has claimed the cleanup, keeps the calling thread out of its way until the JVM
     * halts (which it does as soon as the hooks are done); returns at once otherwise.
     */
    void holdIfEnding() {
        synchronized (lock) {
            if (!claimedByHook) {
                return;
            }
        }
        try {
            hookDone.await(budgetMillis(), TimeUnit.MILLISECONDS);
            // Bounded all the same: were the JVM somehow not to halt, this thread goes on.
            Thread.sleep(HALT_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onShutdown() {
        String line = runHook();
        if (line != null) {
            err.println(line);
            err.flush();
        }
    }

    /**
     * The hook's work, on the calling thread: claims the cleanup and does it, returning the line to
     * print, or null if {@link #close} claimed it first. Package-private for tests.
     */
    String runHook() {
        Thread main;
        synchronized (lock) {
            if (closed || claimedByHook) {
                return null;
            }
            claimedByHook = true;
            main = userMain;
        }
        try {
            List<String> done = new ArrayList<>();
            boolean mainExits = main != null && ExitCalls.inside(main.getStackTrace());
            if (failJobs != null && !mainExits) {
                done.add(failJobsAndAwaitMain());
            }
            done.add(bounded(killWhat, kill));
            done.add(bounded("remove its staging directory", removeStaging));
            return "spindle-submit: " + (mainExits ? "the job's main called System.exit" : "interrupted") + ": "
                    + String.join(", ", done);
        } finally {
            hookDone.countDown();
        }
    }

    private String failJobsAndAwaitMain() {
        try {
            failJobs.accept(REASON);
        } catch (RuntimeException e) {
            return "could not fail the running jobs: " + UserMain.describe(e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(mainWaitMillis);
        synchronized (lock) {
            try {
                for (long left = mainWaitMillis; userMain != null && left > 0;
                     left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                    lock.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return userMain == null ? "failed the running jobs"
                    : "failed the running jobs (the job's main did not return within " + mainWaitMillis
                    + " ms: output it had not committed may remain)";
        }
    }

    /** Runs {@code step} on a thread of its own, so that a hung RPC cannot hold the JVM past its time. */
    private String bounded(String what, Step step) {
        ExecutorService thread = Executors.newSingleThreadExecutor(new DaemonThreads("spindle-cleanup"));
        try {
            Future<String> result = thread.submit(step::run);
            return result.get(stepTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return "could not " + what + ": " + UserMain.describe(e.getCause());
        } catch (TimeoutException e) {
            return "could not " + what + " within " + stepTimeoutMillis + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "could not " + what + ": interrupted";
        } finally {
            thread.shutdownNow();
        }
    }
}
