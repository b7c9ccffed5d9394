package dev.spindle.examples;

import dev.spindle.SpindleContext;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Estimates π by throwing random points at the unit square: the share landing inside the quarter
 * circle tends to π/4. {@code Pi [SLICES]} uses 100,000 points per slice (default 2 slices).
 */
public final class Pi {
    private Pi() {
    }

    public static void main(String[] args) {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        long n = 100_000L * slices;
        try (SpindleContext sc = new SpindleContext()) {
            long inside = sc.range(0, n, slices)
                    .map(i -> {
                        double x = ThreadLocalRandom.current().nextDouble() * 2 - 1;
                        double y = ThreadLocalRandom.current().nextDouble() * 2 - 1;
                        return x * x + y * y <= 1 ? 1L : 0L;
                    })
                    .reduce(Long::sum);
            System.out.println("Pi is roughly " + 4.0 * inside / n);
        }
    }
}
