package dev.spindle.examples;

import dev.spindle.SpindleContext;

import java.util.List;

/**
 * Fails on purpose, to show how a failure reaches spindle-submit. {@code Fail task} throws an
 * {@link IllegalStateException} in a task on an executor; {@code Fail driver} throws an
 * {@link IllegalArgumentException} in {@code main}; {@code Fail slow} runs tasks that sleep for a
 * minute, to have a running application to kill; {@code Fail overflow} recurses in a task until the
 * stack overflows; {@code Fail internal} throws an {@link InternalError} in a task, an error that leaves
 * an executor's JVM unusable, so the executor reports it and exits.
 */
public final class Fail {
    private Fail() {
    }

    private static int recurse(int depth) {
        return depth == Integer.MIN_VALUE ? 0 : recurse(depth + 1) + 1;
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "task";
        try (SpindleContext sc = new SpindleContext()) {
            switch (mode) {
                case "task" -> sc.parallelize(List.of(1, 2, 3, 4), 2).map(i -> {
                    if (i == 3) {
                        throw new IllegalStateException("boom in a task on element " + i);
                    }
                    return i;
                }).collect();
                case "driver" -> throw new IllegalArgumentException("boom in the driver");
                case "slow" -> sc.parallelize(List.of(1, 2), 2).map(i -> {
                    Thread.sleep(60_000);
                    return i;
                }).collect();
                case "overflow" -> sc.parallelize(List.of(1, 2), 2).map(Fail::recurse).collect();
                case "internal" -> sc.parallelize(List.of(1, 2), 2).map(i -> {
                    if (i == 2) {
                        throw new InternalError("boom in the JVM on element " + i);
                    }
                    return i;
                }).collect();
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
    }
}
