package dev.spindle.am;

import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the number of executor containers at the target: asks for what is missing, withdraws one
 * ask per container it accepts (so YARN does not hand out the same ask twice), gives back surplus
 * containers, and counts failed executors against a limit.
 *
 * <p>Not thread-safe: owned by the ApplicationMaster's event thread.
 */
public final class ContainerAllocator {
    /** An accepted container and the executor id it will run. */
    public record Launch(Container container, String executorId) {
    }

    /** An executor's container ended. {@code failed} is true when it counts against the limit. */
    public record Ended(String executorId, ContainerId containerId, int exitStatus, String diagnostics,
                        boolean failed) {
    }

    private final ContainerRequester requester;
    private final int maxFailures;
    private final Map<ContainerId, String> starting = new HashMap<>();
    private final Map<ContainerId, String> running = new HashMap<>();
    private int target;
    private int outstanding;
    private int failures;
    private int nextExecutorId = 1;

    public ContainerAllocator(ContainerRequester requester, int maxFailures) {
        this.requester = requester;
        this.maxFailures = maxFailures;
    }

    /** Sets how many executors the application wants and asks for, or withdraws, the difference. */
    public void setTarget(int executors) {
        if (executors < 0) {
            throw new IllegalArgumentException("target must not be negative, was " + executors);
        }
        target = executors;
        reconcile();
    }

    public List<Launch> onAllocated(List<Container> containers) {
        List<Launch> launches = new ArrayList<>();
        for (Container c : containers) {
            if (starting.size() + running.size() < target) {
                if (outstanding > 0) {
                    outstanding--;
                    requester.removeRequest();
                }
                String id = String.valueOf(nextExecutorId++);
                starting.put(c.getId(), id);
                launches.add(new Launch(c, id));
            } else {
                requester.release(c.getId());
            }
        }
        return launches;
    }

    public void onStarted(ContainerId id) {
        String exec = starting.remove(id);
        if (exec != null) {
            running.put(id, exec);
        }
    }

    /** The NodeManager could not start the container: a failed executor. */
    public Optional<Ended> onStartFailed(ContainerId id, String reason) {
        String exec = starting.remove(id);
        if (exec == null) {
            return Optional.empty();
        }
        failures++;
        reconcile();
        return Optional.of(new Ended(exec, id, ContainerExitStatus.INVALID, reason, true));
    }

    public List<Ended> onCompleted(List<ContainerStatus> statuses) {
        List<Ended> out = new ArrayList<>();
        for (ContainerStatus st : statuses) {
            String exec = running.remove(st.getContainerId());
            if (exec == null) {
                exec = starting.remove(st.getContainerId());
            }
            if (exec == null) {
                continue;
            }
            boolean failed = st.getExitStatus() != ContainerExitStatus.SUCCESS
                    && st.getExitStatus() != ContainerExitStatus.KILLED_BY_APPMASTER
                    && st.getExitStatus() != ContainerExitStatus.PREEMPTED;
            if (failed) {
                failures++;
            }
            out.add(new Ended(exec, st.getContainerId(), st.getExitStatus(), st.getDiagnostics(), failed));
        }
        if (!out.isEmpty()) {
            reconcile();
        }
        return out;
    }

    public boolean tooManyFailures() {
        return failures > maxFailures;
    }

    public int failures() {
        return failures;
    }

    public int outstanding() {
        return outstanding;
    }

    public int starting() {
        return starting.size();
    }

    public int running() {
        return running.size();
    }

    private void reconcile() {
        int missing = target - starting.size() - running.size() - outstanding;
        for (int i = 0; i < missing; i++) {
            requester.addRequest();
            outstanding++;
        }
        for (int i = 0; i < -missing && outstanding > 0; i++) {
            requester.removeRequest();
            outstanding--;
        }
    }
}
