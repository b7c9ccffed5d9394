package dev.spindle.shuffle;

import dev.spindle.function.KeyComparator;

/**
 * The reverse of an order, as a sort by key in descending order uses it: a record rather than a lambda
 * so {@link PrefixSort} can see the order inside and sort by its prefixes, complemented.
 *
 * @param ascending the order this one reverses
 */
public record DescendingOrder<K>(KeyComparator<K> ascending) implements KeyComparator<K> {
    public DescendingOrder {
        if (ascending == null) {
            throw new IllegalArgumentException("a descending order needs the ascending order it reverses");
        }
    }

    @Override
    public int compare(K a, K b) {
        return ascending.compare(b, a);
    }
}
