package dev.spindle.task;

import dev.spindle.shuffle.BlockFetcher;
import org.apache.hadoop.conf.Configuration;

import java.io.File;

/**
 * What the process running a task offers it. One per executor, shared by its task threads;
 * implementations are thread-safe.
 */
public interface TaskEnv {
    /** The cluster's Hadoop configuration, to open input and output files; copy it before changing it. */
    Configuration hadoopConf();

    /** A directory on this host's local disk for shuffle files, kept until the application ends. */
    File shuffleDir();

    /** This process's host as the cluster names it (the NodeManager's host). */
    String host();

    /** Port where this process serves its map outputs to other hosts; 0 if it does not. */
    default int blockPort() {
        return 0;
    }

    /** Fetches map outputs from other hosts; null where this process cannot. */
    default BlockFetcher fetcher() {
        return null;
    }

    /** Whether map outputs on this host are read straight from disk rather than fetched. */
    default boolean localShuffleReads() {
        return true;
    }

    /**
     * The value of broadcast {@code id}, fetched from the driver once per process and shared by its
     * tasks; classes resolve through the calling thread's context class loader.
     *
     * @throws IllegalStateException if this process cannot fetch broadcasts, or the driver has none by that id
     */
    default Object broadcast(long id) {
        throw new IllegalStateException("this process cannot fetch broadcast values");
    }

    /** This process's cache of persisted partitions; null where nothing is cached (partitions are computed). */
    default PartitionStore cache() {
        return null;
    }

    /** The memory this process's tasks and cache share; one budget per process. */
    default dev.spindle.memory.MemoryBudget memory() {
        return DefaultMemory.BUDGET;
    }

    /** The budget of a process that sets none: the default share of this JVM's heap. */
    final class DefaultMemory {
        static final dev.spindle.memory.MemoryBudget BUDGET = dev.spindle.memory.MemoryBudget.ofHeap(0.6);

        private DefaultMemory() {
        }
    }
}
