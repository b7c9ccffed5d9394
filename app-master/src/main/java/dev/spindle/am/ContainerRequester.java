package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.ContainerId;

/**
 * The part of the ResourceManager client the allocator uses: ask for one executor container,
 * withdraw one ask, give a container back. Narrow so that a hand-written fake can stand in for it.
 */
public interface ContainerRequester {
    void addRequest();

    void removeRequest();

    void release(ContainerId containerId);
}
