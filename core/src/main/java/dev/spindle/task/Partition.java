package dev.spindle.task;

import java.io.Serializable;

/** One slice of a dataset, computed by one task. Serialized to the executor that runs the task. */
public interface Partition extends Serializable {
    int index();

    /** Hosts where this partition's input is local; empty when it has no preference. */
    default java.util.List<String> preferredHosts() {
        return java.util.List.of();
    }
}
