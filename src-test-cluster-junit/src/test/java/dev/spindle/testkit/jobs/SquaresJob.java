package dev.spindle.testkit.jobs;

import dev.spindle.SpindleContext;

import java.util.List;
import java.util.stream.LongStream;

/** A job in a test's own sources: the sum of the squares of 1..N, printed by the driver. */
public final class SquaresJob {
    private SquaresJob() {
    }

    public static void main(String[] args) {
        long n = Long.parseLong(args[0]);
        try (SpindleContext sc = new SpindleContext()) {
            List<Long> numbers = LongStream.rangeClosed(1, n).boxed().toList();
            long sum = sc.parallelize(numbers, 4).map(x -> x * x).reduce(Long::sum);
            System.out.println("sum of squares = " + sum);
        }
    }
}
