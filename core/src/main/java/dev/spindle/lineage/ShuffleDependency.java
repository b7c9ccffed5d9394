package dev.spindle.lineage;

import dev.spindle.Pair;
import dev.spindle.shuffle.Aggregator;
import dev.spindle.shuffle.Partitioner;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * A shuffle boundary: the records of {@code parent} are repartitioned by key with {@code partitioner}.
 * With an aggregator, values of a key are combined (on the map side too when {@code mapSideCombine});
 * with a key ordering, each reduce partition comes out sorted by key. {@code compressed}: the map
 * outputs are LZ4-compressed ({@code spindle.shuffle.compress}), read back the same way.
 */
public record ShuffleDependency<K, V, C>(int shuffleId, Lineage<Pair<K, V>> parent, Partitioner partitioner,
                                         Aggregator<V, C> aggregator, boolean mapSideCombine,
                                         Comparator<? super K> keyOrdering, boolean compressed)
        implements Serializable {
    /** An uncompressed shuffle. */
    public ShuffleDependency(int shuffleId, Lineage<Pair<K, V>> parent, Partitioner partitioner,
                             Aggregator<V, C> aggregator, boolean mapSideCombine, Comparator<? super K> keyOrdering) {
        this(shuffleId, parent, partitioner, aggregator, mapSideCombine, keyOrdering, false);
    }

    public ShuffleDependency {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(partitioner, "partitioner");
        if (mapSideCombine && aggregator == null) {
            throw new IllegalArgumentException("map-side combining needs an aggregator");
        }
    }
}
