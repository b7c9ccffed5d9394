package dev.spindle.am;

import dev.spindle.placement.HostMatcher;

import java.util.Collection;
import java.util.List;

/**
 * The hosts where YARN can give this application containers, as far as the AM knows: the running
 * NodeManagers spindle-submit saw when it submitted, kept current from the node reports in the
 * ResourceManager's allocate responses (a node lost, unhealthy or decommissioned goes; a node that
 * comes back or joins is added) and from the hosts containers arrive on. It names the NodeManager a
 * block host's name stands for ({@link HostMatcher}), so the allocator asks strictly only for hosts
 * that run one; demand on other hosts goes to their rack or anywhere at once, never waiting for a host
 * YARN does not know. Without a list from spindle-submit (an older client) every host is taken as
 * known, as before, and unknown hosts fall back to the locality wait.
 *
 * <p>Not thread-safe: owned by the ApplicationMaster's event thread.
 */
final class ClusterNodes {
    /** A node report reduced to what placement needs: a host, and whether YARN can place containers there. */
    record Change(String host, boolean usable) {
        Change {
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("a node change needs a host");
            }
        }
    }

    private final HostMatcher matcher;
    private final boolean known;

    private ClusterNodes(HostMatcher matcher, boolean known) {
        this.matcher = matcher;
        this.known = known;
    }

    /**
     * @param hosts the running NodeManagers' hosts, comma-separated, as spindle-submit passed them;
     *              empty when it did not
     */
    static ClusterNodes of(String hosts, HostMatcher.Resolver resolver) {
        HostMatcher m = new HostMatcher(resolver);
        for (String h : hosts.split(",")) {
            if (!h.isBlank()) {
                m.add(h.trim());
            }
        }
        return new ClusterNodes(m, !m.isEmpty());
    }

    /** Every host is taken as one YARN knows: the behaviour when nothing says otherwise (unit tests, old clients). */
    static ClusterNodes unknown() {
        return new ClusterNodes(new HostMatcher(HostMatcher.Resolver.SYSTEM), false);
    }

    /** The NodeManager host {@code host} names, or null when no usable NodeManager runs there. */
    String nodeManagerOf(String host) {
        return known ? matcher.match(host) : host;
    }

    /** Applies node reports; returns whether the usable hosts changed. */
    boolean apply(List<Change> changes) {
        boolean changed = false;
        for (Change c : changes) {
            changed |= c.usable() ? matcher.add(c.host()) : matcher.remove(c.host());
        }
        return changed && known;
    }

    /** A container came from {@code host}: it runs a NodeManager. Returns whether that was news. */
    boolean sawContainerOn(String host) {
        return known && matcher.add(host);
    }

    Collection<String> hosts() {
        return matcher.known();
    }

    boolean isKnown() {
        return known;
    }
}
