package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.ContainerId;

/**
 * The part of the ResourceManager client the allocator uses: ask for one executor container at a
 * location (one host only, one rack only, or anywhere: YARN does not relax an ask by itself); withdraw
 * an ask; give a container back; keep hosts out. Narrow so that a hand-written fake can stand in for it.
 */
public interface ContainerRequester {
    /** Asks for one container at {@code where}; returns the ask's handle. */
    Object addRequest(AskLocation where);

    void removeRequest(Object request);

    void release(ContainerId containerId);

    /** Adds hosts to, and removes hosts from, the hosts YARN must not give this application containers on. */
    void exclude(java.util.Set<String> add, java.util.Set<String> remove);

    /** How many NodeManagers the cluster has, as the ResourceManager last said (0 before it said). */
    int clusterNodes();
}
