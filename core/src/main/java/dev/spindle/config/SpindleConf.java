package dev.spindle.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * An immutable set of {@code spindle.*} settings with typed reads through {@link ConfigKey}s.
 * Values are kept as text so that a configuration written by one process is read back unchanged
 * by another; parsing happens at each typed read and a bad value fails with a sentence naming the key.
 */
public final class SpindleConf {
    private final Map<String, String> values;

    private SpindleConf(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static SpindleConf empty() {
        return new SpindleConf(Map.of());
    }

    public static SpindleConf of(Map<String, String> values) {
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, "key");
            Objects.requireNonNull(v, () -> "value of " + k);
        });
        return new SpindleConf(values);
    }

    public <T> T get(ConfigKey<T> key) {
        String raw = values.get(key.name());
        return raw == null ? key.defaultValue() : key.parse(raw);
    }

    public String getRaw(String name) {
        return values.get(name);
    }

    public boolean contains(ConfigKey<?> key) {
        return values.containsKey(key.name());
    }

    public SpindleConf with(ConfigKey<?> key, String value) {
        return with(key.name(), value);
    }

    public SpindleConf with(String name, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(name, value);
        return new SpindleConf(copy);
    }

    /** Values of {@code overrides} win over this configuration's. */
    public SpindleConf overlay(Map<String, String> overrides) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.putAll(overrides);
        return new SpindleConf(copy);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Checks every value of a known key parses and is allowed, so a bad value fails before any work starts. */
    public void validate(java.util.List<ConfigKey<?>> known) {
        KeyCheck.validate(this, known);
    }

    public void write(Writer out) throws IOException {
        Properties p = new Properties();
        p.putAll(values);
        p.store(out, "Spindle application configuration");
    }

    public static SpindleConf read(Reader in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        Map<String, String> m = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            m.put(name, p.getProperty(name));
        }
        return new SpindleConf(m);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
