package dev.spindle.testcluster;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Waiting in tests for something a cluster does in its own time: asks every {@code 100 ms} until the
 * answer is there or the deadline passes, then fails naming what it waited for. The one place tests sleep.
 */
public final class Poll {
    private static final long EVERY_MILLIS = 100;

    private Poll() {
    }

    /**
     * The first non-null answer of {@code check} within {@code timeout}.
     *
     * @throws AssertionError when the deadline passes first, naming {@code what}
     */
    public static <T> T until(String what, Duration timeout, Callable<T> check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T answer = check.call();
            if (answer != null) {
                return answer;
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms");
            }
            TimeUnit.MILLISECONDS.sleep(EVERY_MILLIS);
        }
    }
}
