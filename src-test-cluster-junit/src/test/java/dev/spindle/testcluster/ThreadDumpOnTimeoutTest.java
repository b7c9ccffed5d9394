package dev.spindle.testcluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The globally registered ThreadDumpOnTimeout (module test-timeouts, on every test classpath): a test
 * past its timeout fails, and the stacks of all threads, the stuck one included, reach stderr.
 */
class ThreadDumpOnTimeoutTest {

    /** Run only through the test kit below (a nested class: the build's test patterns skip it). */
    static class Stuck {
        /** Closed by the outer test afterwards, which ends the accept. */
        static volatile ServerSocket server;

        @Test
        @Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
        void waitsForSomethingThatNeverHappens() throws IOException {
            // An accept that no one connects to, and that an interrupt does not end: the worst hang.
            server.accept();
        }
    }

    @Test
    void aTestPastItsTimeoutFailsAndDumpsEveryThread() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        Events tests;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Stuck.server = server;
            tests = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                    .selectors(selectClass(Stuck.class)).execute().testEvents();
        } finally {
            System.setErr(systemErr);
        }
        assertEquals(1, tests.failed().count());
        Throwable failure = tests.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertInstanceOf(TimeoutException.class, failure);
        String dump = err.toString(StandardCharsets.UTF_8);
        assertTrue(dump.contains("waitsForSomethingThatNeverHappens() timed out after 300 milliseconds; all threads:"),
                dump);
        assertTrue(dump.contains("/java.net.ServerSocket.accept("), "the stuck thread's stack: " + dump);
        assertTrue(dump.contains("\"main\""), dump);
    }
}
