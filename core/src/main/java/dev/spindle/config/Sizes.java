package dev.spindle.config;

import java.util.Locale;

/** Parsing of the memory sizes and durations that users write in options and properties. */
public final class Sizes {
    private Sizes() {
    }

    /**
     * Parses {@code 512m}, {@code 2g}, {@code 1024} (MiB), {@code 1t} into MiB, as spark-submit does.
     *
     * @throws IllegalArgumentException naming {@code what} when the text is not a size
     */
    public static long parseMebibytes(String what, String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("b") && s.length() > 1 && Character.isLetter(s.charAt(s.length() - 2))) {
            s = s.substring(0, s.length() - 1);
        }
        long factorKib;
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        switch (last) {
            case 'k' -> factorKib = 1;
            case 'm' -> factorKib = 1024;
            case 'g' -> factorKib = 1024L * 1024;
            case 't' -> factorKib = 1024L * 1024 * 1024;
            default -> factorKib = -1;
        }
        String digits = factorKib > 0 ? s.substring(0, s.length() - 1) : s;
        if (factorKib < 0) {
            factorKib = 1024;
        }
        try {
            long n = Long.parseLong(digits);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            long kib = Math.multiplyExact(n, factorKib);
            return Math.max(1, kib / 1024);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(what + " must be a positive size such as 512m or 2g, not '" + text + "'");
        }
    }

    /** Parses a byte count: a bare number of bytes, or with a {@code k}, {@code m}, {@code g} or {@code t} suffix. */
    public static long parseBytes(String what, String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("b") && s.length() > 1 && Character.isLetter(s.charAt(s.length() - 2))) {
            s = s.substring(0, s.length() - 1);
        }
        long factor = 1;
        if (!s.isEmpty() && Character.isLetter(s.charAt(s.length() - 1))) {
            factor = switch (s.charAt(s.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                case 't' -> 1L << 40;
                default -> -1;
            };
            s = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(s);
            if (n < 1 || factor < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(what + " must be a positive number of bytes such as 1, 64k or 128m, not '"
                    + text + "'");
        }
    }

    /** Parses {@code 250ms}, {@code 30s}, {@code 2min}, {@code 1h} or a bare number of milliseconds. */
    public static long parseMillis(String what, String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        long factor;
        String digits;
        if (s.endsWith("ms")) {
            factor = 1;
            digits = s.substring(0, s.length() - 2);
        } else if (s.endsWith("min")) {
            factor = 60_000;
            digits = s.substring(0, s.length() - 3);
        } else if (s.endsWith("s")) {
            factor = 1000;
            digits = s.substring(0, s.length() - 1);
        } else if (s.endsWith("h")) {
            factor = 3_600_000;
            digits = s.substring(0, s.length() - 1);
        } else {
            factor = 1;
            digits = s;
        }
        try {
            long n = Long.parseLong(digits.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(what + " must be a duration such as 500ms or 30s, not '" + text + "'");
        }
    }
}
