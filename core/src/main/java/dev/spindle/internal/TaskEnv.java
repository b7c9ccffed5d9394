package dev.spindle.internal;

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
}
