package dev.spindle.driver;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.net.CachedDNSToSwitchMapping;
import org.apache.hadoop.net.DNSToSwitchMapping;
import org.apache.hadoop.net.NetworkTopology;
import org.apache.hadoop.net.ScriptBasedMapping;
import org.apache.hadoop.util.ReflectionUtils;

import java.util.List;

/**
 * Racks of hosts through the cluster's own Hadoop topology settings ({@code net.topology.*}), as HDFS
 * and YARN see them; with none configured every host is in {@code /default-rack}. Resolutions are
 * cached. Not thread-safe: each user (the driver's event thread, the AM's event thread) has its own.
 */
public final class Topology {
    private final DNSToSwitchMapping mapping;

    public Topology(Configuration conf) {
        Class<? extends DNSToSwitchMapping> cls = conf.getClass(
                CommonConfigurationKeysPublic.NET_TOPOLOGY_NODE_SWITCH_MAPPING_IMPL_KEY, ScriptBasedMapping.class,
                DNSToSwitchMapping.class);
        DNSToSwitchMapping m = ReflectionUtils.newInstance(cls, conf);
        this.mapping = m instanceof CachedDNSToSwitchMapping ? m : new CachedDNSToSwitchMapping(m);
    }

    /** The host's rack; {@code /default-rack} when the topology does not know it. */
    public String rackOf(String host) {
        List<String> racks = mapping.resolve(List.of(host));
        return racks == null || racks.isEmpty() ? NetworkTopology.DEFAULT_RACK : racks.get(0);
    }

    /**
     * The host's rack when the topology places it in a real one, null when the host is only in
     * {@code /default-rack}: an ask for that "rack" is no nearer than an ask for anywhere.
     */
    public String knownRackOf(String host) {
        String rack = rackOf(host);
        return NetworkTopology.DEFAULT_RACK.equals(rack) ? null : rack;
    }
}
