package dev.spindle.executor;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExecutorMainTest {
    @Test
    void theNodeManagersHostIsUsedWithoutAskingTheResolver() throws IOException {
        assertEquals("nm-7.example.com", ExecutorMain.host("nm-7.example.com", () -> {
            throw new AssertionError("resolved the local host although NM_HOST was set");
        }));
    }

    @Test
    void outsideYarnTheResolverNamesTheHost() throws IOException {
        assertEquals("resolved", ExecutorMain.host(null, () -> "resolved"));
        assertEquals("resolved", ExecutorMain.host(" ", () -> "resolved"));
    }
}
