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
 * cached. Not thread-safe: used by the driver's event thread.
 */
final class Topology {
    private final DNSToSwitchMapping mapping;

    Topology(Configuration conf) {
        Class<? extends DNSToSwitchMapping> cls = conf.getClass(
                CommonConfigurationKeysPublic.NET_TOPOLOGY_NODE_SWITCH_MAPPING_IMPL_KEY, ScriptBasedMapping.class,
                DNSToSwitchMapping.class);
        DNSToSwitchMapping m = ReflectionUtils.newInstance(cls, conf);
        this.mapping = m instanceof CachedDNSToSwitchMapping ? m : new CachedDNSToSwitchMapping(m);
    }

    /** The host's rack, or null when it cannot be resolved. */
    String rackOf(String host) {
        List<String> racks = mapping.resolve(List.of(host));
        return racks == null || racks.isEmpty() ? NetworkTopology.DEFAULT_RACK : racks.get(0);
    }
}
