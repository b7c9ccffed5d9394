package dev.spindle.bench.compare;

import java.util.List;

/** Median, minimum and maximum of the counting runs of one system on one workload. */
record Stats(int runs, int ok, long median, long min, long max) {

    static Stats of(List<Measurement> runs) {
        long[] times = runs.stream().filter(Measurement::ok).mapToLong(Measurement::wallMillis).sorted().toArray();
        if (times.length == 0) {
            return new Stats(runs.size(), 0, -1, -1, -1);
        }
        return new Stats(runs.size(), times.length, median(times), times[0], times[times.length - 1]);
    }

    /** The median of sorted values: the mean of the middle two when there is an even number. */
    static long median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    boolean any() {
        return ok > 0;
    }
}
