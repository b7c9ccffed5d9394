package dev.spindle.placement;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostMatcherTest {
    /** A name service from a table; counts lookups so tests see when one is (not) made. */
    private static final class TableResolver implements HostMatcher.Resolver {
        final Map<String, String> names = new HashMap<>();
        int lookups;

        @Override
        public String nameOf(String address) {
            lookups++;
            return names.get(address);
        }

        @Override
        public String addressOf(String name) {
            lookups++;
            for (Map.Entry<String, String> e : names.entrySet()) {
                if (e.getValue().equals(name)) {
                    return e.getKey();
                }
            }
            return null;
        }
    }

    private static HostMatcher knowing(HostMatcher.Resolver resolver, String... hosts) {
        HostMatcher m = new HostMatcher(resolver);
        for (String h : hosts) {
            m.add(h);
        }
        return m;
    }

    @Test
    void sameNameAndCaseMatch() {
        HostMatcher m = knowing(new TableResolver(), "node1.example.com", "node2.example.com");
        assertEquals("node1.example.com", m.match("node1.example.com"));
        assertEquals("node2.example.com", m.match("NODE2.Example.COM"));
    }

    @Test
    void shortBlockHostMatchesTheOneFullNodeManagerName() {
        HostMatcher m = knowing(new TableResolver(), "node1.example.com", "node2.example.com");
        assertEquals("node1.example.com", m.match("node1"));
        assertEquals("node2.example.com", m.match("Node2"));
        assertNull(m.match("node3"), "no NodeManager on node3");
    }

    @Test
    void fullBlockHostMatchesAShortNodeManagerName() {
        HostMatcher m = knowing(new TableResolver(), "node1", "node2");
        assertEquals("node1", m.match("node1.example.com"));
        assertEquals("node2", m.match("NODE2.other.org"));
        assertNull(m.match("node3.example.com"));
    }

    @Test
    void twoFullNamesOfDifferentDomainsAreNotOneHost() {
        HostMatcher m = knowing(new TableResolver(), "node1.a.example.com");
        assertNull(m.match("node1.b.example.com"), "both qualified: different hosts");
    }

    @Test
    void anAmbiguousShortNameMatchesNothing() {
        HostMatcher m = knowing(new TableResolver(), "node1.a.example.com", "node1.b.example.com");
        assertNull(m.match("node1"), "two NodeManagers start with node1: guessing could call a remote read local");
        m.remove("node1.b.example.com");
        assertEquals("node1.a.example.com", m.match("node1"), "unique again once one is gone");
    }

    @Test
    void addressesGoThroughTheNameServiceOnlyWhenNeeded() {
        TableResolver dns = new TableResolver();
        dns.names.put("10.0.0.7", "node7.example.com");
        HostMatcher m = knowing(dns, "node7.example.com", "node8.example.com");
        assertEquals("node8.example.com", m.match("node8"));
        assertEquals(0, dns.lookups, "names match without lookups");
        assertEquals("node7.example.com", m.match("10.0.0.7"));
        assertEquals("node7.example.com", m.match("10.0.0.7"));
        assertEquals(1, dns.lookups, "the address was looked up once");
        assertNull(m.match("10.0.0.9"));
    }

    @Test
    void aNameMatchesANodeManagerKnownByAddress() {
        TableResolver dns = new TableResolver();
        dns.names.put("10.0.0.7", "node7.example.com");
        HostMatcher m = knowing(dns, "10.0.0.7");
        assertEquals("10.0.0.7", m.match("node7.example.com"));
        assertEquals("10.0.0.7", m.match("10.0.0.7"));
    }

    @Test
    void nodesAddedAndLostChangeTheAnswers() {
        HostMatcher m = knowing(new TableResolver(), "node1.example.com");
        assertNull(m.match("node2"));
        assertTrue(m.add("node2.example.com"));
        assertFalse(m.add("node2.example.com"));
        assertEquals("node2.example.com", m.match("node2"), "a cached miss is forgotten when a node comes");
        assertTrue(m.remove("node2.example.com"));
        assertNull(m.match("node2"), "and a cached hit when it goes");
        assertEquals(List.of("node1.example.com"), List.copyOf(m.known()));
    }

    @Test
    void addressShapes() {
        assertTrue(HostMatcher.isAddress("127.0.0.2"));
        assertTrue(HostMatcher.isAddress("fe80::1"));
        assertFalse(HostMatcher.isAddress("node1.example.com"));
        assertFalse(HostMatcher.isAddress("10.0.0"));
    }

    @Test
    void nodeIdsGiveTheirHosts() {
        assertEquals("node1.example.com", HostMatcher.hostOfNode("node1.example.com:8041"));
        assertEquals("node1", HostMatcher.hostOfNode("node1"));
        assertEquals("fe80::1", HostMatcher.hostOfNode("fe80::1"));
        assertEquals(List.of("a", "b"), HostMatcher.hostsOfNodes("a:1, b:2,"));
        assertEquals(List.of(), HostMatcher.hostsOfNodes(""));
    }
}
