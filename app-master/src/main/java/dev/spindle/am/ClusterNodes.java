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
    /**
     * A node report reduced to what placement needs: the node ({@code host:port}), and whether YARN can
     * place containers there. A host may have two nodes for a moment (a NodeManager restarted on a new
     * port while the old one is reported gone), so hosts are counted by their usable nodes.
     */
    record Change(String node, boolean usable) {
        Change {
            if (node == null || node.isEmpty() || node.startsWith(":")) {
                throw new IllegalArgumentException("a node change needs a node id, not '" + node + "'");
            }
        }
    }

    private final HostMatcher matcher;
    private final boolean known;
    private final java.util.Map<String, java.util.Set<String>> nodesByHost = new java.util.HashMap<>();

    private ClusterNodes(HostMatcher matcher, boolean known) {
        this.matcher = matcher;
        this.known = known;
    }

    /**
     * @param nodes the running NodeManagers' node ids ({@code host:port}), comma-separated, as
     *              spindle-submit passed them; empty when it did not
     */
    static ClusterNodes of(String nodes, HostMatcher.Resolver resolver) {
        ClusterNodes c = new ClusterNodes(new HostMatcher(resolver), !nodes.isBlank());
        for (String n : nodes.split(",")) {
            if (!n.isBlank()) {
                c.usable(n.trim());
            }
        }
        return c;
    }

    private boolean usable(String node) {
        String host = HostMatcher.hostOfNode(node);
        nodesByHost.computeIfAbsent(host, h -> new java.util.HashSet<>()).add(node);
        return matcher.add(host);
    }

    private boolean gone(String node) {
        String host = HostMatcher.hostOfNode(node);
        java.util.Set<String> ids = nodesByHost.get(host);
        if (ids == null || !ids.remove(node) || !ids.isEmpty()) {
            return false;
        }
        nodesByHost.remove(host);
        return matcher.remove(host);
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
            changed |= c.usable() ? usable(c.node()) : gone(c.node());
        }
        return changed && known;
    }

    /** A container came from {@code node} ({@code host:port}): it runs a NodeManager. Returns whether that was news. */
    boolean sawContainerOn(String node) {
        return known && usable(node);
    }

    Collection<String> hosts() {
        return matcher.known();
    }
}
