package dev.spindle;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Per-partition random sampling for {@link Dataset#sample}: Bernoulli without replacement, Poisson
 * with. Each partition draws from its own generator seeded from the seed and its index, so a sample
 * is the same however often (and wherever) a partition is computed again.
 */
final class Sampling {
    private Sampling() {
    }

    static <T> Iterator<T> sample(Iterator<T> in, boolean withReplacement, double fraction, long seed, int partition) {
        SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (partition + 1)));
        return new Iterator<>() {
            private T current;
            private int copiesLeft;

            @Override
            public boolean hasNext() {
                while (copiesLeft == 0 && in.hasNext()) {
                    current = in.next();
                    copiesLeft = withReplacement ? poisson(rnd, fraction) : (rnd.nextDouble() < fraction ? 1 : 0);
                }
                return copiesLeft > 0;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                copiesLeft--;
                return current;
            }
        };
    }

    /**
     * A Poisson-distributed count of mean {@code mean}: Knuth's multiplication method, in slices of at
     * most 20 so that {@code exp(-slice)} never underflows (a sum of Poissons is a Poisson of the sum).
     */
    static int poisson(SplittableRandom rnd, double mean) {
        int count = 0;
        double left = mean;
        while (left > 0) {
            double slice = Math.min(left, 20);
            left -= slice;
            double limit = Math.exp(-slice);
            double product = rnd.nextDouble();
            while (product > limit) {
                count++;
                product *= rnd.nextDouble();
            }
        }
        return count;
    }
}
