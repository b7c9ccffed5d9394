package dev.spindle.examples;

import dev.spindle.SpindleContext;

import java.util.List;

/**
 * {@code EmptyJob}: starts a context, counts a one-element dataset in one task, and stops: the
 * fixed cost of a Spindle application (submit, AM, an executor, one task), as the benchmarks measure it.
 */
public final class EmptyJob {
    private EmptyJob() {
    }

    public static void main(String[] args) {
        try (SpindleContext sc = new SpindleContext()) {
            long n = sc.parallelize(List.of(1), 1).count();
            System.out.println("EmptyJob counted " + n + " element");
        }
    }
}
