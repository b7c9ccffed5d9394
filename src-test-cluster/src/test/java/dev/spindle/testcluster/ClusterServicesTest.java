package dev.spindle.testcluster;

import org.junit.jupiter.api.Test;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the services derive without starting anything. */
class ClusterServicesTest {

    @Test
    void hadoopClasspathLeavesOutSpindleJars() {
        for (String entry : EmbeddedCluster.hadoopClasspath()) {
            assertTrue(entry.endsWith(".jar"), entry);
            assertFalse(new File(entry).getName().startsWith("spindle-"), entry);
        }
    }

    @Test
    void nodesHaveTheirOwnLoopbackHosts() {
        assertEquals("127.0.0.2", EmbeddedCluster.hostOf(0));
        assertEquals("127.0.0.5", EmbeddedCluster.hostOf(3));
    }

    @Test
    void moreRacksThanNodesAreRefusedBeforeAnythingStarts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedCluster.builder().nodes(2).racks(3).start());
        assertEquals("3 racks need at least as many nodes, not 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmbeddedCluster.builder().nodes(0));
        assertThrows(IllegalArgumentException.class, () -> EmbeddedCluster.builder().racks(-1));
    }
}
