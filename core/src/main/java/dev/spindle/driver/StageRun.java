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
    final byte[] binary;
    final byte[][] partitions;
    final byte[][] results;
    final int[] attempts;
    final int[] failures;
    final List<List<String>> preferredHosts;
    final CompletableFuture<byte[][]> future = new CompletableFuture<>();
    final long startNanos = System.nanoTime();
    int remaining;

    StageRun(int jobId, int id, byte[] binary, byte[][] partitions, List<List<String>> preferredHosts) {
        this.jobId = jobId;
        this.preferredHosts = preferredHosts;
        this.id = id;
        this.binary = binary;
        this.partitions = partitions;
        this.results = new byte[partitions.length][];
        this.attempts = new int[partitions.length];
        this.failures = new int[partitions.length];
        this.remaining = partitions.length;
    }
}
