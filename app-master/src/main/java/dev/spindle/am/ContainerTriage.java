package dev.spindle.am;

import dev.spindle.runtime.ExitCode;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;

/**
 * Whose fault an executor container's end was, from YARN's exit status: the application's (counted
 * against {@code spindle.yarn.maxExecutorFailures} and against its host), the cluster's (preempted,
 * killed by the ResourceManager, its node lost, its disks failed: replaced, never counted), or nobody's
 * (it exited cleanly, or the AM released it). A container killed for using more memory than it asked
 * for is the application's, and its description gives the limit and the settings that raise it.
 *
 * <p>Pure functions; thread-safe.
 */
final class ContainerTriage {
    /** What an ended container means. */
    enum Fault {
        /** Exited 0, or the AM asked for it: not a failure. */
        NONE,
        /** YARN took it away for reasons of the cluster's own: replaced, never counted. */
        CLUSTER,
        /** The executor failed: counted. */
        APPLICATION
    }

    /** The triage of one container: whose fault, and a sentence for logs and the driver. */
    record Verdict(Fault fault, String description) {
        Verdict {
            java.util.Objects.requireNonNull(fault, "fault");
            java.util.Objects.requireNonNull(description, "description");
        }

        boolean counts() {
            return fault == Fault.APPLICATION;
        }
    }

    private ContainerTriage() {
    }

    /**
     * @param containerMb the memory the container was granted, for a memory kill's description
     */
    static Verdict of(int exitStatus, long containerMb) {
        return switch (exitStatus) {
            case ContainerExitStatus.SUCCESS -> new Verdict(Fault.NONE, "exited normally");
            case ContainerExitStatus.KILLED_BY_APPMASTER -> new Verdict(Fault.NONE, "released by the ApplicationMaster");
            case ContainerExitStatus.KILLED_AFTER_APP_COMPLETION ->
                    new Verdict(Fault.NONE, "stopped because the application finished");
            case ContainerExitStatus.PREEMPTED ->
                    new Verdict(Fault.CLUSTER, "preempted by the ResourceManager for another application");
            case ContainerExitStatus.KILLED_BY_RESOURCEMANAGER ->
                    new Verdict(Fault.CLUSTER, "killed by the ResourceManager");
            case ContainerExitStatus.KILLED_BY_CONTAINER_SCHEDULER ->
                    new Verdict(Fault.CLUSTER, "killed by the NodeManager's container scheduler");
            case ContainerExitStatus.ABORTED ->
                    new Verdict(Fault.CLUSTER, "aborted by YARN (its node was lost or the container released)");
            case ContainerExitStatus.DISKS_FAILED -> new Verdict(Fault.CLUSTER, "lost with its node's failed disks");
            case ContainerExitStatus.KILLED_EXCEEDED_PMEM -> new Verdict(Fault.APPLICATION,
                    memoryKill("physical", containerMb, "spindle.memoryOverheadMin or spindle.memoryOverheadFactor"));
            case ContainerExitStatus.KILLED_EXCEEDED_VMEM -> new Verdict(Fault.APPLICATION,
                    memoryKill("virtual", containerMb, "the cluster's yarn.nodemanager.vmem-pmem-ratio, "
                            + "or spindle.memoryOverheadMin"));
            default -> new Verdict(Fault.APPLICATION, "failed with " + ExitCode.describe(exitStatus));
        };
    }

    private static String memoryKill(String kind, long containerMb, String raise) {
        return "killed by YARN for using more " + kind + " memory than its container's " + containerMb
                + " MiB (the executor's heap, spindle.executor.memory, plus the overhead, max(spindle.memoryOverheadMin, "
                + "spindle.memoryOverheadFactor x heap)): raise " + raise + " (off-heap buffers, thread stacks"
                + " and native libraries live in the overhead), or give the executor less to hold";
    }
}
