package dev.spindle.placement;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches the host names HDFS gives for blocks to the host names NodeManagers registered with YARN,
 * so that an ask or a locality decision names a host YARN knows. The two often differ on real
 * clusters: a DataNode reports its short name and the NodeManager its full one (or the other way
 * round), names differ in case, or a DataNode is known by its address. A name matches a known host
 * when it is the same name; else the same name ignoring case; else the same host with one of the two
 * names unqualified ({@code node7} and {@code node7.example.com}) when exactly one known host fits, so
 * two hosts of different domains are never taken for one; else, for an address, the host its reverse
 * lookup names, and for a name, a known host given by address that the name resolves to. A name that
 * matches none is a host with no NodeManager: nothing can run there.
 *
 * <p>Lookups go through {@link Resolver} only when the cheap rules fail and addresses are involved;
 * results are cached until the known hosts change. Not thread-safe: each owner (the AM's event thread,
 * the driver's event thread) has its own.
 */
public final class HostMatcher {
    /** Name service lookups, injected so that tests need no DNS. Both answer null when they cannot. */
    public interface Resolver {
        /** The host name of an address (reverse lookup). */
        String nameOf(String address);

        /** The address of a host name. */
        String addressOf(String name);

        /** No name service: addresses and names match only by the rules that need none (tests, simulations). */
        Resolver NONE = new Resolver() {
            @Override
            public String nameOf(String address) {
                return null;
            }

            @Override
            public String addressOf(String name) {
                return null;
            }
        };

        /** The JVM's own name service. */
        Resolver SYSTEM = new Resolver() {
            @Override
            public String nameOf(String address) {
                try {
                    String name = java.net.InetAddress.getByName(address).getCanonicalHostName();
                    return name.equals(address) ? null : name;
                } catch (java.io.IOException | SecurityException e) {
                    return null;
                }
            }

            @Override
            public String addressOf(String name) {
                try {
                    return java.net.InetAddress.getByName(name).getHostAddress();
                } catch (java.io.IOException | SecurityException e) {
                    return null;
                }
            }
        };
    }

    private static final String NONE = "";

    private final Resolver resolver;
    private final Set<String> known = new TreeSet<>();
    /** Known hosts by lower-case name. */
    private final Map<String, Set<String>> byLower = new HashMap<>();
    /** Known hosts by lower-case first label, of qualified names only. */
    private final Map<String, Set<String>> qualifiedByShort = new HashMap<>();
    private int addresses;
    private final Map<String, String> cache = new HashMap<>();

    public HostMatcher(Resolver resolver) {
        this.resolver = resolver;
    }

    /** A matcher that knows {@code hosts}, with the JVM's name service. */
    public static HostMatcher of(java.util.Collection<String> hosts) {
        HostMatcher m = new HostMatcher(Resolver.SYSTEM);
        hosts.forEach(m::add);
        return m;
    }

    /** A host runs a NodeManager; returns whether it was new. */
    public boolean add(String host) {
        if (host == null || host.isEmpty() || !known.add(host)) {
            return false;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        byLower.computeIfAbsent(lower, k -> new TreeSet<>()).add(host);
        if (isAddress(host)) {
            addresses++;
        } else if (lower.indexOf('.') > 0) {
            qualifiedByShort.computeIfAbsent(firstLabel(lower), k -> new TreeSet<>()).add(host);
        }
        cache.clear();
        return true;
    }

    /** A host no longer runs a NodeManager YARN can use; returns whether it was known. */
    public boolean remove(String host) {
        if (!known.remove(host)) {
            return false;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        removeFrom(byLower, lower, host);
        if (isAddress(host)) {
            addresses--;
        } else if (lower.indexOf('.') > 0) {
            removeFrom(qualifiedByShort, firstLabel(lower), host);
        }
        cache.clear();
        return true;
    }

    public boolean isEmpty() {
        return known.isEmpty();
    }

    /** The known hosts, sorted. */
    public Set<String> known() {
        return java.util.Collections.unmodifiableSet(known);
    }

    /** The known host that {@code name} names, or null when it names none. */
    public String match(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        if (known.contains(name)) {
            return name;
        }
        String hit = cache.get(name);
        if (hit == null) {
            hit = resolve(name);
            cache.put(name, hit == null ? NONE : hit);
        }
        return hit == null || hit.isEmpty() ? null : hit;
    }

    private String resolve(String name) {
        String byName = byName(name);
        if (byName != null) {
            return byName;
        }
        if (isAddress(name)) {
            String reverse = resolver.nameOf(name);
            return reverse == null ? null : byName(reverse);
        }
        if (addresses > 0) {
            String address = resolver.addressOf(name);
            if (address != null && known.contains(address)) {
                return address;
            }
        }
        return null;
    }

    /** By the rules that need no name service: exact, case, short against full. */
    private String byName(String name) {
        if (known.contains(name)) {
            return name;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String hit = only(byLower.get(lower));
        if (hit != null || isAddress(name)) {
            return hit;
        }
        int dot = lower.indexOf('.');
        if (dot < 0) {
            // Unqualified: the one known full name it starts.
            return only(qualifiedByShort.get(lower));
        }
        // Qualified: a known unqualified name that is its first label.
        return dot > 0 ? only(byLower.get(lower.substring(0, dot))) : null;
    }

    private static String only(Set<String> hosts) {
        return hosts != null && hosts.size() == 1 ? hosts.iterator().next() : null;
    }

    private static void removeFrom(Map<String, Set<String>> index, String key, String host) {
        Set<String> hosts = index.get(key);
        if (hosts != null) {
            hosts.remove(host);
            if (hosts.isEmpty()) {
                index.remove(key);
            }
        }
    }

    private static String firstLabel(String lower) {
        int dot = lower.indexOf('.');
        return dot < 0 ? lower : lower.substring(0, dot);
    }

    /** The host of a YARN node id {@code host:port}; a bare host (or an IPv6 literal) is its own host. */
    public static String hostOfNode(String node) {
        int colon = node.lastIndexOf(':');
        return colon > 0 && node.indexOf(':') == colon ? node.substring(0, colon) : node;
    }

    /** The hosts of a comma-separated list of node ids, as spindle-submit passes the running NodeManagers. */
    public static java.util.List<String> hostsOfNodes(String nodes) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String n : nodes.split(",")) {
            if (!n.isBlank()) {
                out.add(hostOfNode(n.trim()));
            }
        }
        return out;
    }

    /** An IPv4 or IPv6 literal, by its shape alone (no lookup). */
    static boolean isAddress(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }
}
