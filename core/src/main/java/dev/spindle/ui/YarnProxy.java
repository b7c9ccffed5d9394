package dev.spindle.ui;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.webapp.util.WebAppUtils;

import java.util.ArrayList;
import java.util.List;

/** The ResourceManager's web proxy as the cluster's configuration names it, for the UI's {@link ProxyGate}. */
public final class YarnProxy {
    private YarnProxy() {
    }

    /**
     * The gate of application {@code appId}'s UI: the proxies YARN's {@code AmIpFilter} would admit (the
     * standalone web proxy, else every ResourceManager's web app); open for a driver outside YARN.
     */
    public static ProxyGate gate(Configuration conf, String appId) {
        if (appId == null || appId.isEmpty()) {
            return ProxyGate.open();
        }
        List<String> proxies = WebAppUtils.getProxyHostsAndPortsForAmFilter(conf);
        List<String> hosts = new ArrayList<>();
        for (String hostPort : proxies) {
            int colon = hostPort.lastIndexOf(':');
            hosts.add(colon < 0 ? hostPort : hostPort.substring(0, colon));
        }
        return new ProxyGate(hosts, WebAppUtils.getHttpSchemePrefix(conf) + proxies.get(0) + "/proxy/" + appId);
    }
}
