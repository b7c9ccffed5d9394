package dev.spindle.util;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names Spindle's threads ({@code name-1}, {@code name-2}, ...) and keeps them from holding the JVM up. */
public final class DaemonThreads implements ThreadFactory {
    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    public DaemonThreads(String name) {
        this.name = name;
    }

    /**
     * Runs {@code work} on a new daemon thread named {@code name-1}. The future completes with its
     * result or with whatever it threw, an {@code Error} too: nobody waiting for it can hang on a failure
     * it never heard of. The thread is created by the caller, so it acts as the caller's user.
     */
    public static <T> java.util.concurrent.CompletableFuture<T> supply(String name,
                                                                       java.util.concurrent.Callable<T> work) {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        new DaemonThreads(name).newThread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }).start();
        return result;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, name + "-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
