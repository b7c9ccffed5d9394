package dev.spindle.testcluster;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code spindle-cluster [--nodes N] [--conf-dir DIR]}: keeps an embedded cluster up in the
 * foreground, writes its client configuration to DIR, prints {@code READY <DIR>}, and stops the
 * cluster when interrupted.
 */
public final class EmbeddedClusterMain {
    private EmbeddedClusterMain() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = 1;
        Path confDir = Path.of("spindle-cluster-conf");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--nodes" -> {
                    nodes = parseNodes(value);
                    i++;
                }
                case "--conf-dir" -> {
                    if (value == null) {
                        fail("--conf-dir needs a directory");
                    }
                    confDir = Path.of(value);
                    i++;
                }
                case "-h", "--help" -> {
                    System.out.println("usage: spindle-cluster [--nodes N] [--conf-dir DIR]");
                    return;
                }
                default -> fail("unknown option '" + a + "' (usage: spindle-cluster [--nodes N] [--conf-dir DIR])");
            }
        }
        EmbeddedCluster cluster = EmbeddedCluster.builder().nodes(nodes).logRetainSeconds(3600).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "spindle-cluster-stop"));
        Path dir = confDir.toAbsolutePath();
        cluster.writeClientConf(dir);
        System.out.println("READY " + dir);
        System.out.flush();
        stopped.await();
    }

    private static int parseNodes(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // fall through to the message
        }
        fail("--nodes needs a whole number of at least 1, not '" + value + "'");
        return -1;
    }

    private static void fail(String message) {
        System.err.println("spindle-cluster: " + message);
        System.exit(2);
    }
}
