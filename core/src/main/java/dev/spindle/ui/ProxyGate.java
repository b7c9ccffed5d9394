package dev.spindle.ui;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may open the UI directly: the ResourceManager's web proxy, as YARN's {@code AmIpFilter} decides
 * it. Everyone else is sent to the proxy, which checks the application's view ACLs and serves the UI
 * under {@code /proxy/<app id>/}, so a tenant who finds the port cannot read the application's
 * settings or progress without YARN's say-so. With no proxy (a driver outside YARN) every request is
 * served.
 *
 * <p>Thread-safe: immutable.
 */
public final class ProxyGate {
    private final Set<String> proxyAddresses;
    private final String proxyBase;

    /**
     * @param proxyHosts host names (or addresses) of the proxy; each resolved to all its addresses
     * @param proxyBase  {@code http://host:port/proxy/<app id>} where others are sent, or null for no proxy
     */
    public ProxyGate(List<String> proxyHosts, String proxyBase) {
        Set<String> addresses = new HashSet<>();
        for (String host : proxyHosts) {
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    addresses.add(a.getHostAddress());
                }
            } catch (UnknownHostException e) {
                // A proxy whose name does not resolve cannot connect either.
            }
        }
        this.proxyAddresses = Set.copyOf(addresses);
        this.proxyBase = proxyBase;
    }

    /** A gate that lets everyone in: for a driver that YARN does not front. */
    public static ProxyGate open() {
        return new ProxyGate(List.of(), null);
    }

    public boolean fronted() {
        return proxyBase != null;
    }

    /** Whether a request from {@code remoteAddress} is served here rather than sent to the proxy. */
    public boolean admits(InetAddress remoteAddress) {
        return proxyBase == null || proxyAddresses.contains(remoteAddress.getHostAddress());
    }

    /** Where a request for {@code path} (with its query) goes instead. */
    public String redirect(String pathAndQuery) {
        return proxyBase + pathAndQuery;
    }
}
