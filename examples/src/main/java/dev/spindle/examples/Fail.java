package dev.spindle.examples;

import dev.spindle.SpindleContext;

import java.util.List;

/**
 * Fails on purpose, to show how a failure reaches spindle-submit. {@code Fail task} throws an
 * {@link IllegalStateException} in a task on an executor; {@code Fail driver} throws an
 * {@link IllegalArgumentException} in {@code main}; {@code Fail slow} runs tasks that sleep for a
 * minute, to have a running application to kill; {@code Fail overflow} recurses in a task until the
 * stack overflows; {@code Fail internal} throws an {@link InternalError} in a task, an error that leaves
 * an executor's JVM unusable, so the executor reports it and exits; {@code Fail pause DIR} computes a
 * shuffle, writes {@code DIR/mapped}, waits (at most two minutes) for {@code DIR/go}, then runs a second
 * job on the same shuffle and writes its total to {@code DIR/result}: a window for fault tests to kill
 * an executor after its map outputs were written; {@code Fail exit N} calls {@code System.exit(N)} in a
 * task, ending its executor; {@code Fail save DIR OUT} saves three lines to {@code OUT} in one task
 * that, with its part file open and uncommitted, writes {@code DIR/saving} and waits (at most two
 * minutes) for {@code DIR/go}: a window for tests to interrupt spindle-submit in the middle of a save;
 * {@code Fail stall DIR} holds one map task of a shuffle (writing its container id to {@code DIR/mapping})
 * until {@code DIR/go} exists: a window to kill the executor in the middle of the map stage;
 * {@code Fail reread DIR IN OUT} reads IN, waits for {@code DIR/go}, and reads it again (see
 * {@link #rereadWhenTold}); {@code Fail nap TASKS MILLIS} runs a stage of TASKS tasks that each sleep
 * MILLIS: a stage long enough to watch its progress.
 */
public final class Fail {
    private Fail() {
    }

    /**
     * Writes a file a test waits for, whole or not at all: a test that sees it appear reads its content
     * at once, so it must never see it created but not yet written.
     */
    private static void writeMarker(java.nio.file.Path file, String content) throws java.io.IOException {
        java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        java.nio.file.Files.writeString(tmp, content);
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static int recurse(int depth) {
        return depth == Integer.MIN_VALUE ? 0 : recurse(depth + 1) + 1;
    }

    private static void pauseBetweenJobs(SpindleContext sc, java.nio.file.Path dir) {
        List<Long> numbers = new java.util.ArrayList<>();
        for (long i = 1; i <= 20_000; i++) {
            numbers.add(i);
        }
        var sums = sc.parallelize(numbers, 4).keyBy(i -> i % 100).reduceByKey(Long::sum, 2);
        long first = sums.collect().stream().mapToLong(p -> p.value()).sum();
        try {
            writeMarker(dir.resolve("mapped"), Long.toString(first));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
            while (!java.nio.file.Files.exists(dir.resolve("go")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long second = sums.mapValues(v -> v * 2).collect().stream().mapToLong(p -> p.value()).sum();
            writeMarker(dir.resolve("result"), Long.toString(second));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while paused", e);
        }
    }

    /**
     * A shuffle whose map task for partition 0, on its first attempt, writes its container id to
     * {@code DIR/mapping} and waits (at most two minutes) for {@code DIR/go}; the job's total goes to
     * {@code DIR/result}.
     */
    private static void stallMapTask(SpindleContext sc, String dir) {
        List<Long> numbers = new java.util.ArrayList<>();
        for (long i = 1; i <= 20_000; i++) {
            numbers.add(i);
        }
        long total = sc.parallelize(numbers, 4).mapPartitions(it -> {
            java.util.List<Long> part = new java.util.ArrayList<>();
            it.forEachRemaining(part::add);
            java.nio.file.Path d = java.nio.file.Path.of(dir);
            if (part.contains(1L) && !java.nio.file.Files.exists(d.resolve("mapping"))) {
                String container = System.getenv("CONTAINER_ID");
                writeMarker(d.resolve("mapping"), container == null ? "" : container);
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
                while (!java.nio.file.Files.exists(d.resolve("go")) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            return part.iterator();
        }).keyBy(i -> i % 100).reduceByKey(Long::sum, 2).collect().stream().mapToLong(p -> p.value()).sum();
        try {
            writeMarker(java.nio.file.Path.of(dir, "result"), Long.toString(total));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code IN} twice: counts its lines, writes the count to {@code DIR/first}, waits (at most
     * three minutes) for {@code DIR/go}, then counts its words into {@code OUT}, each task opening
     * the file again: a window for a test to outlive the tokens the job started with.
     */
    private static void rereadWhenTold(SpindleContext sc, String dir, String in, String out) {
        long first = sc.textFile(in).count();
        try {
            java.nio.file.Path d = java.nio.file.Path.of(dir);
            writeMarker(d.resolve("first"), Long.toString(first));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
            while (!java.nio.file.Files.exists(d.resolve("go")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while paused", e);
        }
        sc.textFile(in).flatMap(line -> java.util.Arrays.asList(line.split(" ")).iterator())
                .mapToPair(w -> dev.spindle.Pair.of(w, 1L)).reduceByKey(Long::sum).saveAsTextFile(out);
    }

    private static void saveWhenTold(SpindleContext sc, String dir, String out) {
        sc.parallelize(List.of(1, 2, 3), 1).map(i -> {
            if (i == 1) {
                java.nio.file.Path d = java.nio.file.Path.of(dir);
                writeMarker(d.resolve("saving"), "");
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
                while (!java.nio.file.Files.exists(d.resolve("go")) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            return i;
        }).saveAsTextFile(out);
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
                case "nap" -> {
                    int tasks = Integer.parseInt(args[1]);
                    long millis = Long.parseLong(args[2]);
                    long n = sc.range(0, tasks, tasks).map(i -> {
                        Thread.sleep(millis);
                        return i;
                    }).count();
                    System.out.println("napped in " + n + " tasks");
                }
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
                case "pause" -> pauseBetweenJobs(sc, java.nio.file.Path.of(args[1]));
                case "save" -> saveWhenTold(sc, args[1], args[2]);
                case "stall" -> stallMapTask(sc, args[1]);
                case "reread" -> rereadWhenTold(sc, args[1], args[2], args[3]);
                case "exit" -> {
                    int status = Integer.parseInt(args[1]);
                    sc.parallelize(List.of(1, 2), 2).map(i -> {
                        if (i == 2) {
                            System.exit(status);
                        }
                        return i;
                    }).collect();
                }
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
    }
}
