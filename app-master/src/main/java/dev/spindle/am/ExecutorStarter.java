package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.Container;

/** Starts an executor process in an allocated container; answers come as {@link NodeManagerClient.Events}. */
interface ExecutorStarter {
    void launch(Container container, String executorId);

    /** Builds the starter once the AM is registered (it looks up the staged files). */
    interface Factory {
        ExecutorStarter create() throws Exception;
    }
}
