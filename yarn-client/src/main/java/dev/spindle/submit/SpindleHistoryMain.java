package dev.spindle.submit;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.ui.HistoryServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/spindle-history [--dir DIR] [--port N]}: serves the UI of the applications whose event
 * logs are in DIR ({@code spindle.eventLog.dir} of the installation's defaults, else the embedded
 * master's {@code ~/.spindle/event-log}) until stopped.
 */
public final class SpindleHistoryMain {
    static final int DEFAULT_PORT = 18080;

    private SpindleHistoryMain() {
    }

    public static void main(String[] args) throws Exception {
        String dir = null;
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--dir") || a.equals("--port")) && i + 1 < args.length) {
                if (a.equals("--dir")) {
                    dir = args[++i];
                } else {
                    try {
                        port = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        fail("--port needs a number, not '" + args[i] + "'");
                    }
                }
            } else if (a.equals("-h") || a.equals("--help")) {
                System.out.println("usage: spindle-history [--dir EVENT_LOG_DIR] [--port PORT (default "
                        + DEFAULT_PORT + ")]");
                return;
            } else {
                fail("unknown argument '" + a + "' (see spindle-history --help)");
            }
        }
        Map<String, String> env = System.getenv();
        boolean hadoop = env.containsKey("HADOOP_CONF_DIR") || env.containsKey("YARN_CONF_DIR");
        Configuration conf = hadoop ? HadoopConfs.fromEnvironment(env) : new Configuration();
        if (dir == null) {
            SpindleConf defaults = ConfResolver.resolve(SpindleHome.fromSystemProperty().defaultsFile(), null, Map.of(),
                    Map.of(), List.of(CoreKeys.EVENT_LOG_DIR));
            dir = defaults.get(CoreKeys.EVENT_LOG_DIR);
            if (dir.isEmpty()) {
                dir = embeddedEventLogDir();
            }
        }
        Path path = new Path(dir);
        try (HistoryServer server = HistoryServer.start(path.getFileSystem(conf), path, "0.0.0.0", port,
                InetAddress.getLocalHost().getCanonicalHostName())) {
            System.out.println("spindle-history: the applications of " + dir + " at " + server.url());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        } catch (java.net.BindException e) {
            fail("port " + port + " is taken: give another with --port");
        }
    }

    /** Where the embedded master's applications log their events: the user's own disk, which outlives the cluster. */
    static String embeddedEventLogDir() {
        return java.nio.file.Path.of(System.getProperty("user.home"), ".spindle", "event-log").toUri().toString();
    }

    private static void fail(String message) {
        System.err.println("spindle-history: " + message);
        System.exit(2);
    }
}
