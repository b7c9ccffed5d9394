package dev.spindle.driver;

import dev.spindle.config.SpindleConf;
import dev.spindle.internal.TaskRunner;
import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.LaunchTask;
import dev.spindle.protocol.Messages.RegisterExecutor;
import dev.spindle.protocol.Transport;
import dev.spindle.protocol.TransportSecurity;
import dev.spindle.security.AppSecret;
import dev.spindle.task.TaskEnv;
import org.apache.hadoop.conf.Configuration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real driver on loopback with executors in this JVM that run every task they are sent (through
 * the real TaskRunner): the whole Dataset API without YARN, for fast tests of its operations. Installs
 * the driver for {@code new SpindleContext()}; {@link #close()} removes it.
 */
final class LocalExecutors implements AutoCloseable {
    private record Env(Configuration hadoopConf, java.io.File shuffleDir, String host) implements TaskEnv {
    }

    private final Driver driver;
    private final List<Transport> transports = new ArrayList<>();

    LocalExecutors(int executors, Map<String, String> settings, Path shuffleDir) throws Exception {
        AppSecret secret = AppSecret.generate();
        driver = Driver.start(SpindleConf.of(settings), new Configuration(), secret, "127.0.0.1", "127.0.0.1");
        DriverRuntime.install(driver);
        String[] hp = driver.address().split(":");
        for (int i = 1; i <= executors; i++) {
            String id = Integer.toString(i);
            Env env = new Env(new Configuration(), shuffleDir.resolve("executor-" + id).toFile(), "127.0.0.1");
            Transport t = new Transport("local-" + id, 1, TransportSecurity.of(secret, false));
            transports.add(t);
            Connection c = t.connect(hp[0], Integer.parseInt(hp[1]), 5000, Link.EXECUTOR, new MessageListener() {
                @Override
                public void onMessage(Connection connection, Message message) {
                    if (message instanceof LaunchTask launch) {
                        connection.send(TaskRunner.run(launch, id, env, getClass().getClassLoader()));
                    }
                }

                @Override
                public void onDisconnected(Connection connection) {
                }
            });
            c.send(new RegisterExecutor(id, "127.0.0.1", 1, "container-" + id, 0));
        }
    }

    /** Stages the driver has run so far: a key-wise operation that needs no shuffle adds none. */
    int stagesRun() {
        return driver.summary().stages();
    }

    /** Tasks the driver has run so far. */
    int tasksRun() {
        return driver.summary().tasks();
    }

    @Override
    public void close() {
        DriverRuntime.clear(driver);
        driver.close();
        transports.forEach(Transport::close);
    }
}
