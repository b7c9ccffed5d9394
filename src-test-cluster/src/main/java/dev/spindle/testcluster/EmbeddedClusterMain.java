package dev.spindle.testcluster;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code spindle-cluster [--nodes N] [--racks R] [--secure] [--conf-dir DIR]}: keeps an embedded cluster
 * up in the foreground, writes its client configuration to DIR, prints {@code READY <DIR>}, and stops
 * the cluster when interrupted. With {@code --secure} the cluster is Kerberos-secured: DIR also gets
 * krb5.conf and user.keytab, and the user's principal is printed.
 */
public final class EmbeddedClusterMain {
    private static final String USAGE = "usage: spindle-cluster [--nodes N] [--racks R] [--secure] [--conf-dir DIR]";

    private EmbeddedClusterMain() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = 1;
        int racks = 0;
        boolean secure = false;
        Path confDir = Path.of("spindle-cluster-conf");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--nodes" -> {
                    nodes = parseCount("--nodes", value, 1);
                    i++;
                }
                case "--racks" -> {
                    racks = parseCount("--racks", value, 1);
                    i++;
                }
                case "--conf-dir" -> {
                    if (value == null) {
                        fail("--conf-dir needs a directory");
                    }
                    confDir = Path.of(value);
                    i++;
                }
                case "--secure" -> secure = true;
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> fail("unknown option '" + a + "' (" + USAGE + ")");
            }
        }
        if (racks > nodes) {
            fail(racks + " racks need at least as many nodes; give --nodes " + racks + " or more");
        }
        EmbeddedCluster cluster = EmbeddedCluster.builder().nodes(nodes).logAggregation(true).racks(racks).secure(secure)
                .logRetainSeconds(3600).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "spindle-cluster-stop"));
        Path dir = confDir.toAbsolutePath();
        cluster.writeClientConf(dir);
        if (secure) {
            System.out.println("Kerberos: principal " + cluster.userPrincipal() + ", keytab " + dir.resolve("user.keytab")
                    + "; clients need SPINDLE_SUBMIT_OPTS=-Djava.security.krb5.conf=" + dir.resolve("krb5.conf"));
        }
        System.out.println("READY " + dir);
        System.out.flush();
        stopped.await();
    }

    private static int parseCount(String option, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // fall through to the message
        }
        fail(option + " needs a whole number of at least " + min + ", not '" + value + "'");
        return -1;
    }

    private static void fail(String message) {
        System.err.println("spindle-cluster: " + message);
        System.exit(2);
    }
}
