package dev.spindle.task;

import java.util.ArrayList;
import java.util.List;

/**
 * A task that only samples its input, as a sort's range bounds need: file inputs then read evenly
 * spaced stretches of a large split instead of all of it, and say here how much of it they read, so the
 * sample's records can stand for the whole split's ({@link #scale}). Sampling never changes a job's
 * answer, only how evenly a sort's partitions are filled: stretches spread over the whole split keep
 * keys ordered within the file (as sorted or time-ordered input is) spread over all the bounds.
 *
 * <p>Not thread-safe: one task's thread.
 */
public final class InputSample {
    /** Stretches read from a large split that is sampled, evenly spaced over it. */
    static final int STRETCHES = 16;
    /**
     * The fewest stretches a sampled split is read in: a smaller split gets fewer, longer stretches
     * (down to this many) rather than being read whole, as long as each still holds at least
     * {@link #MIN_STRETCH_BYTES}.
     */
    static final int MIN_STRETCHES = 4;
    /** No stretch is shorter than this: a shorter one costs more in its seek than it saves. */
    static final long MIN_STRETCH_BYTES = 64 * 1024;
    /** The share of a sampled split that is read, unless configured ({@code spindle.sort.sampleFraction}). */
    public static final double FRACTION = 1.0 / 32;

    private final int stretches;
    private final long minStretchBytes;
    private final double fraction;
    private long readBytes;
    private long splitBytes;

    /** A sample that reads {@code fraction} of each large split ({@code 1}: all of it). */
    public InputSample(double fraction) {
        this(STRETCHES, MIN_STRETCH_BYTES, fraction);
    }

    /**
     * A sample of {@code stretches} stretches, of at least {@code minStretchBytes} each, that together
     * read {@code fraction} of a split.
     */
    public InputSample(int stretches, long minStretchBytes, double fraction) {
        if (stretches < 1 || minStretchBytes < 1 || !(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("an input sample needs at least one stretch of one byte and a fraction "
                    + "in (0, 1], not " + stretches + " of " + minStretchBytes + " bytes, fraction " + fraction);
        }
        this.stretches = stretches;
        this.minStretchBytes = minStretchBytes;
        this.fraction = fraction;
    }

    /** A stretch of a split to read: its {@code start} offset in the file and its {@code length}. */
    public record Stretch(long start, long length) {
        public Stretch {
            if (start < 0 || length < 1) {
                throw new IllegalArgumentException("a stretch of " + length + " bytes at " + start);
            }
        }
    }

    /**
     * What to read of the split {@code [start, start + length)}: evenly spaced stretches beginning at the
     * split's start (each read with the split's rules, so a record belongs to the stretch it starts in),
     * together the sample's fraction of the split, as many as fit at {@link #MIN_STRETCH_BYTES} or more
     * each up to the configured number; the whole split when not even {@link #MIN_STRETCHES} fit.
     */
    public List<Stretch> stretches(long start, long length) {
        if (length < 1) {
            return List.of();
        }
        long budget = (long) (length * fraction);
        int count = (int) Math.min(stretches, budget / minStretchBytes);
        if (fraction >= 1 || count < Math.min(MIN_STRETCHES, stretches)) {
            return List.of(new Stretch(start, length));
        }
        long each = budget / count;
        List<Stretch> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Stretch(start + length / count * i, each));
        }
        return out;
    }

    /** A file input read {@code read} bytes of its split of {@code split} bytes for this sample. */
    public void record(long read, long split) {
        if (read < 0 || split < 0) {
            throw new IllegalArgumentException("read " + read + " of a " + split + "-byte split");
        }
        readBytes += Math.min(read, split);
        splitBytes += split;
    }

    /**
     * How many records of the input each sampled record stands for: the split bytes over the bytes read
     * (1 when nothing was sampled, or the input is not a file).
     */
    public double scale() {
        return readBytes == 0 || splitBytes <= readBytes ? 1.0 : (double) splitBytes / readBytes;
    }
}
