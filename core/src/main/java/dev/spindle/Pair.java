package dev.spindle;

import java.io.Serializable;

/**
 * A key and a value, the element type of a {@link PairDataset}. Written as text it is
 * {@code key<TAB>value}, the layout of Hadoop's text output.
 */
public record Pair<K, V>(K key, V value) implements Serializable {
    public static <K, V> Pair<K, V> of(K key, V value) {
        return new Pair<>(key, value);
    }

    @Override
    public String toString() {
        return key + "\t" + value;
    }
}
