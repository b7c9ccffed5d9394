package dev.spindle.testcluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerErrorScanTest {

    private static Path log(Path nmLogs, String container, String file, String text) throws Exception {
        Path dir = Files.createDirectories(nmLogs.resolve("application_1_0001").resolve(container));
        return Files.writeString(dir.resolve(file), text);
    }

    @Test
    void findsTheJvmsUncaughtExceptionLineWithTheStartOfItsStack(@TempDir Path dir) throws Exception {
        Path stderr = log(dir, "container_1_0001_01_000002", "stderr", """
                starting
                Exception in thread "task-3" java.lang.IllegalStateException: boom
                \tat dev.spindle.X.run(X.java:10)
                \tat java.base/java.lang.Thread.run(Thread.java:840)
                """);
        List<ContainerErrorScan.Finding> found = ContainerErrorScan.scan(List.of(stderr));
        assertEquals(1, found.size());
        assertEquals(2, found.get(0).line());
        assertEquals(List.of("Exception in thread \"task-3\" java.lang.IllegalStateException: boom",
                "at dev.spindle.X.run(X.java:10)", "at java.base/java.lang.Thread.run(Thread.java:840)"),
                found.get(0).text());
        String described = found.get(0).describe();
        assertTrue(described.startsWith("application_1_0001/container_1_0001_01_000002/stderr:2: Exception in thread"),
                described);
    }

    @Test
    void findsUncaughtExceptionsALoggerReportsAndEachOnce(@TempDir Path dir) throws Exception {
        Path syslog = log(dir, "container_1_0001_01_000001", "syslog", """
                2026-01-01 ERROR [main] Uncaught exception in event loop
                java.io.IOException: gone
                2026-01-01 INFO [main] later
                2026-01-01 ERROR [x] Uncaught exception in x
                """);
        List<ContainerErrorScan.Finding> found = ContainerErrorScan.scan(List.of(syslog));
        assertEquals(List.of(1, 4), found.stream().map(ContainerErrorScan.Finding::line).toList());
    }

    @Test
    void handledExceptionsAndStackTracesAloneAreNotCrashes(@TempDir Path dir) throws Exception {
        Path syslog = log(dir, "container_1_0001_01_000001", "syslog", """
                2026-01-01 WARN [main] task 3 failed, retrying: java.lang.RuntimeException: user error
                java.lang.RuntimeException: user error
                \tat dev.spindle.X.run(X.java:10)
                Caused by: java.io.IOException: Exception in reading
                """);
        assertEquals(List.of(), ContainerErrorScan.scan(List.of(syslog)));
    }

    @Test
    void bytesThatAreNotUtf8AndVanishedFilesDoNotStopTheScan(@TempDir Path dir) throws Exception {
        Path binary = Files.createDirectories(dir.resolve("a").resolve("c"));
        Path stdout = Files.write(binary.resolve("stdout"), new byte[]{(byte) 0xff, (byte) 0xfe, '\n'});
        Path stderr = Files.write(binary.resolve("stderr"),
                "Exception in thread \"main\" java.lang.Error\n".getBytes(StandardCharsets.UTF_8));
        List<ContainerErrorScan.Finding> found = ContainerErrorScan.scan(List.of(stdout, dir.resolve("gone"), stderr));
        assertEquals(1, found.size());
        assertEquals(stderr, found.get(0).file());
    }
}
