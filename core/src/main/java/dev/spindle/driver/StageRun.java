package dev.spindle.driver;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One stage of a job as the driver runs it: a task per partition of one dataset, with the stage's
 * serialized closure, each partition's bytes and preferred hosts, and what came back.
 *
 * <p>Not thread-safe: owned by the driver's event thread, except {@link #future}, which the job's
 * thread waits on.
 */
final class StageRun {
    final int jobId;
    final int id;
    final String what;
    final byte[] binary;
    final byte[][] partitions;
    /** The dataset partition each task computes: all of them, or the lost ones when recomputing. */
    final int[] partitionIds;
    /** Whether this run recomputes map outputs that were lost. */
    final boolean recompute;
    final byte[][] results;
    final int[] attempts;
    final int[] failures;
    final List<List<String>> preferredHosts;
    /** Per partition, the executors that hold it (or what it reads) cached; empty for most stages. */
    final List<java.util.Set<String>> preferredExecutors;
    final CompletableFuture<byte[][]> future = new CompletableFuture<>();
    final long startNanos = System.nanoTime();
    private int remaining;
    /** Bytes of the results taken so far, against {@code spindle.driver.maxResultSize}. */
    long resultBytes;
    /** Per partition with a failure: the executors and hosts (with counts) its attempts failed on. */
    private final java.util.Map<Integer, java.util.Set<String>> failedExecutors = new java.util.HashMap<>();
    private final java.util.Map<Integer, java.util.Map<String, Integer>> failedHosts = new java.util.HashMap<>();
    /** Failures of one partition on one host after which its retries avoid the host, as Spark's default. */
    static final int FAILURES_TO_AVOID_HOST = 2;

    /**
     * What the accumulator updates of this stage's tasks count once within, with the dataset partition:
     * a job's result (run again after a lost map output) or a shuffle's map side (recomputed when lost).
     */
    final String updateScope;

    StageRun(int jobId, int id, String what, byte[] binary, byte[][] partitions, List<List<String>> preferredHosts) {
        this(jobId, id, what, binary, partitions, java.util.stream.IntStream.range(0, partitions.length).toArray(),
                preferredHosts, false, "stage " + id, null);
    }

    StageRun(int jobId, int id, String what, byte[] binary, byte[][] partitions, int[] partitionIds,
             List<List<String>> preferredHosts, boolean recompute, String updateScope,
             List<java.util.Set<String>> preferredExecutors) {
        if (preferredHosts.size() != partitions.length || partitionIds.length != partitions.length) {
            throw new IllegalArgumentException("one host list per partition: " + preferredHosts.size() + " for "
                    + partitions.length);
        }
        this.jobId = jobId;
        this.id = id;
        this.what = what;
        this.preferredHosts = preferredHosts;
        this.preferredExecutors = preferredExecutors != null ? preferredExecutors
                : java.util.Collections.nCopies(partitions.length, java.util.Set.of());
        this.binary = binary;
        this.partitions = partitions;
        this.partitionIds = partitionIds.clone();
        this.recompute = recompute;
        this.updateScope = updateScope;
        this.results = new byte[partitions.length][];
        this.attempts = new int[partitions.length];
        this.failures = new int[partitions.length];
        this.remaining = partitions.length;
    }

    /** Whether {@link #accept} would take a result of {@code partition} now. */
    boolean wants(int partition) {
        return !future.isDone() && results[partition] == null;
    }

    /**
     * Takes a partition's result unless the stage is over or the partition has one already (a
     * speculative or late duplicate). Returns whether it was taken; completes the stage with the last.
     */
    boolean accept(int partition, byte[] result) {
        if (!wants(partition)) {
            return false;
        }
        results[partition] = result;
        if (--remaining == 0) {
            future.complete(results);
        }
        return true;
    }

    /** An attempt of {@code partition} failed on {@code executorId} at {@code host} (null if unknown). */
    void failedOn(int partition, String executorId, String host) {
        failedExecutors.computeIfAbsent(partition, p -> new java.util.HashSet<>()).add(executorId);
        if (host != null) {
            failedHosts.computeIfAbsent(partition, p -> new java.util.HashMap<>()).merge(host, 1, Integer::sum);
        }
    }

    /**
     * Whether a retry of {@code partition} should stay off this executor: one it failed on, or one on a
     * host where it failed {@link #FAILURES_TO_AVOID_HOST} times. The scheduler ignores this when no
     * other executor could take the task.
     */
    boolean avoids(int partition, String executorId, String host) {
        java.util.Set<String> execs = failedExecutors.get(partition);
        if (execs == null) {
            return false;
        }
        if (execs.contains(executorId)) {
            return true;
        }
        java.util.Map<String, Integer> hosts = failedHosts.get(partition);
        return hosts != null && hosts.getOrDefault(host, 0) >= FAILURES_TO_AVOID_HOST;
    }

    boolean isComplete() {
        return future.isDone() && !future.isCompletedExceptionally();
    }
}
