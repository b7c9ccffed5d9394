package dev.spindle.submit;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfResolverTest {

    @Test
    void laterSourcesWin(@TempDir Path dir) throws Exception {
        Path defaults = Files.writeString(dir.resolve("spindle-defaults.conf"), """
                # installation defaults
                spindle.executor.instances   5
                spindle.executor.cores       3
                spindle.executor.memory      3g
                spindle.yarn.queue           from-defaults
                """);
        Path props = Files.writeString(dir.resolve("job.properties"), """
                spindle.executor.cores=4
                spindle.executor.memory=4g
                spindle.yarn.queue=from-properties
                """);
        SpindleConf c = ConfResolver.resolve(defaults, props,
                Map.of("spindle.executor.memory", "5g", "spindle.yarn.queue", "from-conf"),
                Map.of("spindle.yarn.queue", "from-flag"), ConfResolver.knownKeys());
        assertEquals(5, c.get(CoreKeys.EXECUTOR_INSTANCES), "defaults file over built-in default");
        assertEquals(4, c.get(CoreKeys.EXECUTOR_CORES), "properties file over defaults file");
        assertEquals(5120L, c.get(CoreKeys.EXECUTOR_MEMORY), "--conf over properties file");
        assertEquals("from-flag", c.get(SubmitKeys.QUEUE), "dedicated flag over --conf");
        assertEquals(1, c.get(CoreKeys.DRIVER_CORES), "built-in default when nobody says");
    }

    @Test
    void aMissingDefaultsFileIsFineAMissingPropertiesFileIsNot(@TempDir Path dir) {
        SpindleConf c = ConfResolver.resolve(dir.resolve("absent.conf"), null, Map.of(), Map.of(),
                ConfResolver.knownKeys());
        assertEquals(2, c.get(CoreKeys.EXECUTOR_INSTANCES));
        UserError e = assertThrows(UserError.class, () -> ConfResolver.resolve(null, dir.resolve("nope.properties"),
                Map.of(), Map.of(), ConfResolver.knownKeys()));
        assertTrue(e.getMessage().contains("nope.properties does not exist"), e.getMessage());
    }

    @Test
    void aBadValueIsNamedByItsKey(@TempDir Path dir) throws Exception {
        Path props = Files.writeString(dir.resolve("job.properties"), "spindle.executor.memory=plenty\n");
        UserError e = assertThrows(UserError.class, () -> ConfResolver.resolve(null, props, Map.of(), Map.of(),
                ConfResolver.knownKeys()));
        assertTrue(e.getMessage().startsWith("spindle.executor.memory must be a positive size"), e.getMessage());
    }
}
