package dev.spindle.testcluster;

import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;
import org.apache.hadoop.yarn.server.resourcemanager.ResourceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Stops an embedded cluster's services, each with a bounded wait: a NodeManager's stop otherwise
 * waits on the applications it still tracks. Stateless.
 */
final class BoundedStop {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedStop.class);

    private BoundedStop() {
    }

    static void stopAll(List<NodeManager> nms, ResourceManager rm, MiniDFSCluster dfs) {
        ExecutorService stopper = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "embedded-cluster-stop");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> stops = new ArrayList<>();
            for (NodeManager nm : nms) {
                stops.add(stopper.submit(nm::stop));
            }
            awaitAll(stops, 15_000);
            if (rm != null) {
                awaitAll(List.of(stopper.submit(rm::stop)), 15_000);
            }
            if (dfs != null) {
                awaitAll(List.of(stopper.submit(() -> dfs.shutdown(true))), 15_000);
            }
        } finally {
            stopper.shutdownNow();
        }
    }

    private static void awaitAll(List<Future<?>> futures, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Future<?> f : futures) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                LOG.warn("Embedded cluster service did not stop cleanly: {}", e.toString());
            }
        }
    }
}
