package dev.spindle.submit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ContainerLogsTest {
    @Test
    void theContainerNamedLastIsTheOneThatFailedLast() {
        assertEquals("container_1700000000000_0001_01_000003", ContainerLogs.lastContainerNamed(
                "3 executor containers failed, more than 2 allowed; first container_1700000000000_0001_01_000002, "
                        + "last: executor 2 in container_1700000000000_0001_01_000003 on host-1 exited"));
        assertEquals("container_e17_1700000000000_0001_02_000001", ContainerLogs.lastContainerNamed(
                "AM Container for appattempt_1700000000000_0001_000002 exited with exitCode: 1\n"
                        + "Failing this attempt. For more detailed output, check the application tracking page: "
                        + "container_e17_1700000000000_0001_02_000001 ..."));
        assertNull(ContainerLogs.lastContainerNamed("the driver stopped"));
        assertNull(ContainerLogs.lastContainerNamed(null));
    }

    @Test
    void theLogsTextIsCutFromYarnsHeaders() {
        String printed = "Container: container_1_0001_01_000001 on host_1234\n"
                + "LogAggregationType: AGGREGATED\n=====\nLogType:stderr\nLogLastModifiedTime:Sun\nLogLength:30\n"
                + "LogContents:\nline 1\nline 2\n\nline 3\n\nEnd of LogType:stderr\n***********\n";
        String contents = ContainerLogs.contentsOf(printed);
        assertEquals("line 1\nline 2\n\nline 3\n\n", contents);
        assertEquals(List.of("line 2", "", "line 3"), ContainerLogs.lastLines(contents, 3));
        assertEquals(List.of("line 1", "line 2", "", "line 3"), ContainerLogs.lastLines(contents, 20));
        assertEquals(List.of(), ContainerLogs.lastLines("\n\n", 5));
    }
}
