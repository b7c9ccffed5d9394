package dev.spindle.bench.data;

/**
 * An order-independent digest of a collection of byte strings (lines or records): how many there
 * are and the sum of a 64-bit hash of each. Two outputs have the same digest when they hold the same
 * lines or records, however they are ordered or split into files (up to hash collisions), so it is
 * the checksum of the sorted output without sorting it.
 */
public record Digest(long count, long sum) {
    public static final Digest EMPTY = new Digest(0, 0);

    public Digest {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }

    /** FNV-1a over the bytes, then MurmurHash3's 64-bit finalizer to spread the bits. */
    public static long hash(byte[] b, int off, int len) {
        long h = 0xcbf29ce484222325L;
        for (int i = off; i < off + len; i++) {
            h ^= b[i] & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    public Digest plus(Digest other) {
        return new Digest(count + other.count, sum + other.sum);
    }

    @Override
    public String toString() {
        return count + ":" + String.format("%016x", sum);
    }

    /** Accumulates a digest. Not thread-safe. */
    public static final class Builder {
        private long count;
        private long sum;

        public Builder add(byte[] b, int off, int len) {
            count++;
            sum += hash(b, off, len);
            return this;
        }

        public Builder add(byte[] b) {
            return add(b, 0, b.length);
        }

        public Digest build() {
            return new Digest(count, sum);
        }
    }
}
