package dev.spindle.examples;

import dev.spindle.SpindleContext;

import java.util.List;

/**
 * Fails on purpose, to show how a failure reaches spindle-submit. {@code Fail task} throws an
 * {@link IllegalStateException} in a task on an executor; {@code Fail driver} throws an
 * {@link IllegalArgumentException} in {@code main}; {@code Fail slow} runs tasks that sleep for a
 * minute, to have a running application to kill.
 */
public final class Fail {
    private Fail() {
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
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
    }
}
