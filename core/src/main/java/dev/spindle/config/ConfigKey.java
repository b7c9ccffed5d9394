package dev.spindle.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One typed configuration key: its name, how to parse its value, its default and a one-line doc.
 * Keys are declared as constants in one {@code *Keys} class per module; the README's reference
 * table is generated from those classes.
 *
 * @param <T> the value type
 */
public record ConfigKey<T>(String name, String type, T defaultValue, String defaultText, String doc,
                           Function<String, T> parser) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(parser, "parser");
        if (!name.startsWith("spindle.")) {
            throw new IllegalArgumentException("configuration key must start with 'spindle.': " + name);
        }
        if (doc.isBlank()) {
            throw new IllegalArgumentException("configuration key needs a doc line: " + name);
        }
    }

    public static ConfigKey<String> string(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, "string", defaultValue, defaultValue, doc, s -> s);
    }

    public static ConfigKey<Integer> integer(String name, int defaultValue, String doc) {
        return new ConfigKey<>(name, "int", defaultValue, String.valueOf(defaultValue), doc, s -> parseInt(name, s));
    }

    public static ConfigKey<Double> decimal(String name, double defaultValue, String doc) {
        return new ConfigKey<>(name, "double", defaultValue, String.valueOf(defaultValue), doc, s -> {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, not '" + s + "'");
            }
        });
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
        return new ConfigKey<>(name, "boolean", defaultValue, String.valueOf(defaultValue), doc, s -> {
            String v = s.trim().toLowerCase(java.util.Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return Boolean.parseBoolean(v);
            }
            throw new IllegalArgumentException(name + " must be true or false, not '" + s + "'");
        });
    }

    /** A memory size such as {@code 512m} or {@code 2g}, held in MiB. */
    public static ConfigKey<Long> mebibytes(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, "size", Sizes.parseMebibytes(name, defaultValue), defaultValue, doc,
                s -> Sizes.parseMebibytes(name, s));
    }

    /** A byte count such as {@code 1}, {@code 64k} or {@code 128m}. */
    public static ConfigKey<Long> bytes(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, "bytes", Sizes.parseBytes(name, defaultValue), defaultValue, doc,
                s -> Sizes.parseBytes(name, s));
    }

    /** A duration such as {@code 500ms}, {@code 30s} or {@code 2min}, held in milliseconds. */
    public static ConfigKey<Long> millis(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, "duration", Sizes.parseMillis(name, defaultValue), defaultValue, doc,
                s -> Sizes.parseMillis(name, s));
    }

    T parse(String raw) {
        return parser.apply(raw);
    }

    private static int parseInt(String name, String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + s + "'");
        }
    }
}
