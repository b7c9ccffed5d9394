package dev.spindle.config;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpindleConfTest {

    @Test
    void sizesAsSparkSubmitWritesThem() {
        assertEquals(512, Sizes.parseMebibytes("x", "512m"));
        assertEquals(2048, Sizes.parseMebibytes("x", "2g"));
        assertEquals(2048, Sizes.parseMebibytes("x", "2G"));
        assertEquals(2048, Sizes.parseMebibytes("x", "2gb"));
        assertEquals(1024, Sizes.parseMebibytes("x", "1024"));
        assertEquals(1024 * 1024, Sizes.parseMebibytes("x", "1t"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sizes.parseMebibytes("--executor-memory", "lots"));
        assertTrue(e.getMessage().startsWith("--executor-memory must be a positive size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseMebibytes("x", "0g"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseMebibytes("x", "-1g"));
    }

    @Test
    void durations() {
        assertEquals(250, Sizes.parseMillis("x", "250ms"));
        assertEquals(30_000, Sizes.parseMillis("x", "30s"));
        assertEquals(120_000, Sizes.parseMillis("x", "2min"));
        assertEquals(3_600_000, Sizes.parseMillis("x", "1h"));
        assertEquals(42, Sizes.parseMillis("x", "42"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseMillis("x", "soon"));
    }

    @Test
    void typedReadsFallBackToDefaultsAndNameTheKeyOnBadValues() {
        SpindleConf c = SpindleConf.of(Map.of("spindle.executor.cores", "4", "spindle.executor.memory", "2g"));
        assertEquals(4, c.get(CoreKeys.EXECUTOR_CORES));
        assertEquals(2048L, c.get(CoreKeys.EXECUTOR_MEMORY));
        assertEquals(2, c.get(CoreKeys.EXECUTOR_INSTANCES));
        SpindleConf bad = c.with(CoreKeys.EXECUTOR_INSTANCES, "many");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.validate(CoreKeys.all()));
        assertTrue(e.getMessage().contains("spindle.executor.instances"), e.getMessage());
    }

    @Test
    void writtenConfigurationReadsBackTheSame() throws Exception {
        SpindleConf c = SpindleConf.of(Map.of("spindle.submit.args", "a=b,c d", "spindle.app.name", "ünïcode job"));
        StringWriter w = new StringWriter();
        c.write(w);
        assertEquals(c.asMap(), SpindleConf.read(new StringReader(w.toString())).asMap());
    }

    @Test
    void containerSizeAddsTheOverhead() {
        SpindleConf c = SpindleConf.empty();
        assertEquals(1024 + 384, CoreKeys.containerMebibytes(c, 1024));
        assertEquals(8192 + 820, CoreKeys.containerMebibytes(c, 8192));
    }

    @Test
    void everyKeyHasADocAndAParsableDefault() {
        for (ConfigKey<?> k : CoreKeys.all()) {
            assertTrue(k.name().startsWith("spindle."), k.name());
            assertTrue(!k.doc().isBlank(), k.name());
            assertEquals(k.defaultValue(), SpindleConf.empty().get(k));
        }
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.string("other.key", "", "doc"));
    }
}
