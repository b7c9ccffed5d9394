package dev.spindle.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One typed configuration key: its name, how to parse its value, what values are allowed, its
 * default and a one-line doc. Keys are declared as constants in one {@code *Keys} class per module
 * and listed through a {@link KeySet}; the README's reference table is generated from them.
 * Internal keys are those only spindle-submit sets (for the processes it starts): they are left out
 * of the user's table and a user's value for them is ignored.
 *
 * @param <T> the value type
 * @param allowed what {@code check} accepts, in words ("at least 1"), for the sentence a bad value gets;
 *                empty when any value of the type goes
 */
public record ConfigKey<T>(String name, String type, T defaultValue, String defaultText, String doc,
                           Function<String, T> parser, Predicate<T> check, String allowed, boolean internal) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(allowed, "allowed");
        if (!name.startsWith("spindle.")) {
            throw new IllegalArgumentException("configuration key must start with 'spindle.': " + name);
        }
        if (doc.isBlank()) {
            throw new IllegalArgumentException("configuration key needs a doc line: " + name);
        }
        if (!check.test(defaultValue)) {
            throw new IllegalArgumentException("the default of " + name + " is not " + allowed + ": " + defaultText);
        }
    }

    private ConfigKey(String name, String type, T defaultValue, String defaultText, String doc,
                      Function<String, T> parser) {
        this(name, type, defaultValue, defaultText, doc, parser, v -> true, "", false);
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
                double d = Double.parseDouble(s.trim());
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, not '" + s + "'");
            }
        });
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
        return new ConfigKey<>(name, "boolean", defaultValue, String.valueOf(defaultValue), doc, s -> {
            String v = s.trim().toLowerCase(Locale.ROOT);
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

    /** The same key, allowing only values {@code check} accepts, described as {@code allowed}. */
    public ConfigKey<T> allowing(Predicate<T> newCheck, String words) {
        return new ConfigKey<>(name, type, defaultValue, defaultText, doc, parser, check.and(newCheck), words, internal);
    }

    /** The same key, for whole numbers and sizes no smaller than {@code min}. */
    public ConfigKey<T> atLeast(long min) {
        return allowing(v -> ((Number) v).doubleValue() >= min, "at least " + min + unit());
    }

    /** The same key, for numbers from {@code min} to {@code max}. */
    public ConfigKey<T> between(double min, double max) {
        return allowing(v -> ((Number) v).doubleValue() >= min && ((Number) v).doubleValue() <= max,
                "between " + plain(min) + " and " + plain(max) + unit());
    }

    /** The same key, for one of these words (compared ignoring case). */
    public ConfigKey<T> oneOf(String... words) {
        List<String> ok = List.of(words);
        return allowing(v -> ok.contains(String.valueOf(v).toLowerCase(Locale.ROOT)), "one of " + String.join(", ", ok));
    }

    /** The same key, marked as set by spindle-submit only. */
    public ConfigKey<T> internalKey() {
        return new ConfigKey<>(name, type, defaultValue, defaultText, doc, parser, check, allowed, true);
    }

    /**
     * Parses and checks a raw value.
     *
     * @throws IllegalArgumentException with one sentence naming the key, the value and what is allowed
     */
    T parse(String raw) {
        T value = parser.apply(raw);
        if (!check.test(value)) {
            throw new IllegalArgumentException(name + " must be " + allowed + ", not '" + raw + "'");
        }
        return value;
    }

    private String unit() {
        return switch (type) {
            case "size" -> " MiB";
            case "duration" -> " ms";
            case "bytes" -> " bytes";
            default -> "";
        };
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static int parseInt(String name, String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + s + "'");
        }
    }
}
