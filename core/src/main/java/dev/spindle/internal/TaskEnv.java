package dev.spindle.internal;

import org.apache.hadoop.conf.Configuration;

/**
 * What the process running a task offers it: the cluster's Hadoop configuration (to open input and
 * output files). One per executor, shared by its task threads; implementations are thread-safe.
 */
public interface TaskEnv {
    /** A configuration the task may read but must not change (copy it first). */
    Configuration hadoopConf();
}
