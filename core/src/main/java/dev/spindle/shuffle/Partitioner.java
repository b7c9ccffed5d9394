package dev.spindle.shuffle;

import java.io.Serializable;

/** Decides which reduce partition a key goes to. Serialized into map tasks. */
public interface Partitioner extends Serializable {
    int numPartitions();

    int partition(Object key);

    /** {@code hash(key) mod N}, as Hadoop's and Spark's default partitioners. */
    record Hash(int numPartitions) implements Partitioner {
        public Hash {
            if (numPartitions < 1) {
                throw new IllegalArgumentException("a shuffle needs at least one partition, not " + numPartitions);
            }
        }

        @Override
        public int partition(Object key) {
            return key == null ? 0 : Math.floorMod(key.hashCode(), numPartitions);
        }
    }
}
