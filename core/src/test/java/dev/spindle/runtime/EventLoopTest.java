package dev.spindle.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLoopTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void aThrowingEventReachesTheFailureHandlerOnceAndLaterEventsStillRun() {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CompletableFuture<String> later = new CompletableFuture<>();
        try (EventLoop loop = new EventLoop("test-events", "application_1_0001", failures::add)) {
            loop.post(() -> {
                throw new IllegalStateException("boom");
            });
            loop.post(() -> {
                throw new IllegalArgumentException("second");
            });
            loop.post(() -> later.complete(Thread.currentThread().getName()));
            assertEquals("test-events", assertTimeoutPreemptively(BOUND, () -> later.get()));
            assertEquals(1, failures.size());
            assertEquals("boom", failures.get(0).getMessage());
            assertTrue(loop.failed());
        }
    }

    @Test
    void errorsFailTheLoopToo() {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        try (EventLoop loop = new EventLoop("test-events", "owner", failure::complete)) {
            loop.post(() -> {
                throw new StackOverflowError("deep");
            });
            assertTrue(assertTimeoutPreemptively(BOUND, () -> failure.get()) instanceof StackOverflowError);
        }
    }

    @Test
    void callAnswersFromTheLoopAndNamesAQuestionThatThrew() {
        try (EventLoop loop = new EventLoop("test-events", "owner", t -> { })) {
            assertEquals("test-events", loop.call(() -> Thread.currentThread().getName(), 5000));
            assertEquals(Boolean.TRUE, loop.call(loop::inLoop, 5000));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.call(() -> {
                throw new java.io.IOException("no answer");
            }, 5000));
            assertTrue(e.getMessage().contains("no answer"), e.getMessage());
            assertFalse(loop.failed(), "a question that throws is the asker's problem, not the loop's");
        }
    }

    @Test
    void aClosedLoopRefusesEventsInsteadOfDroppingThemSilently() {
        EventLoop loop = new EventLoop("test-events", "owner", t -> { });
        loop.close();
        assertFalse(loop.post(() -> { }));
        assertThrows(IllegalStateException.class, () -> loop.call(() -> 1, 1000));
    }

    @Test
    void exitCodesAreDistinctAndDescribed() {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (ExitCode c : ExitCode.values()) {
            assertTrue(seen.add(c.code()), "duplicate code " + c.code());
            assertFalse(c.meaning().isBlank());
        }
        assertTrue(ExitCode.describe(52).contains("OUT_OF_MEMORY"), ExitCode.describe(52));
        assertEquals("exit status 137", ExitCode.describe(137));
    }
}
