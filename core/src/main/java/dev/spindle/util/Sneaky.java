package dev.spindle.util;

/**
 * Rethrows a user function's checked exception unchanged, so that the class the user threw is the
 * class the driver reports, rather than a wrapper.
 */
public final class Sneaky {
    private Sneaky() {
    }

    public static RuntimeException rethrow(Throwable t) {
        Sneaky.<RuntimeException>throwAs(t);
        throw new AssertionError("unreachable");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void throwAs(Throwable t) throws E {
        throw (E) t;
    }
}
