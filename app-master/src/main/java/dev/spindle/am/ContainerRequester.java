package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.ContainerId;

/**
 * The part of the ResourceManager client the allocator uses: ask for one executor container on a
 * host only, or anywhere; withdraw an ask; give a container back. Narrow so that a hand-written fake
 * can stand in for it.
 */
public interface ContainerRequester {
    /**
     * Asks for one container on {@code host} only (YARN does not relax it), or anywhere when null;
     * returns the ask's handle.
     */
    Object addRequest(String host);

    void removeRequest(Object request);

    void release(ContainerId containerId);
}
