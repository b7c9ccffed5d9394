package dev.spindle.bench.scale;

import dev.spindle.SpindleContext;
import dev.spindle.config.SpindleConf;
import dev.spindle.driver.Driver;
import dev.spindle.driver.DriverRuntime;
import dev.spindle.protocol.Connection;
import dev.spindle.protocol.Link;
import dev.spindle.protocol.Message;
import dev.spindle.protocol.MessageListener;
import dev.spindle.protocol.Messages.LaunchTask;
import dev.spindle.protocol.Messages.RegisterExecutor;
import dev.spindle.protocol.Messages.TaskFinished;
import dev.spindle.protocol.TaskMetrics;
import dev.spindle.protocol.Transport;
import dev.spindle.protocol.TransportSecurity;
import dev.spindle.security.AppSecret;
import dev.spindle.util.JavaSerializer;
import org.apache.hadoop.conf.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The driver at scale, without YARN: the real {@link Driver} (its endpoint, scheduler, dispatcher,
 * status store and UI) with simulated executors in this JVM. Each simulated executor is a real
 * connection under the application's secret that registers with its cores and answers every
 * {@code LaunchTask} at once with the result of a one-element partition's count, so the job's answer
 * (the count of all elements) proves every task's result arrived exactly once. What is measured is
 * the driver's work per task: planning and serializing the partitions, scheduling, launching,
 * receiving results, status events, plus the simulated executors' own message handling, on the
 * same cores (so the figure is a floor of what the driver alone does).
 *
 * <p>Usage: {@code DriverScaleMain [--executors 100] [--cores 8] [--tasks 1000000] [--fractions 0.1,0.5,1]}
 * runs, for each fraction f, f × executors executors and f × tasks tasks, after a warm-up job.
 */
public final class DriverScaleMain {
    private DriverScaleMain() {
    }

    /** One run's figures. */
    record Result(int executors, int cores, int tasks, long millis, long planMillis) {
        double tasksPerSecond() {
            return tasks * 1000.0 / millis;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new TreeMap<>(Map.of("--executors", "100", "--cores", "8", "--tasks", "1000000",
                "--fractions", "0.1,0.5,1"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!opts.containsKey(args[i])) {
                System.err.println("DriverScaleMain: unknown option " + args[i] + "; known: " + opts.keySet());
                System.exit(2);
            }
            opts.put(args[i], args[i + 1]);
        }
        int executors = Integer.parseInt(opts.get("--executors"));
        int cores = Integer.parseInt(opts.get("--cores"));
        int tasks = Integer.parseInt(opts.get("--tasks"));
        run(Math.max(1, executors / 10), cores, Math.max(1000, tasks / 20), "warm-up");
        List<Result> results = new ArrayList<>();
        for (String f : opts.get("--fractions").split(",")) {
            double fraction = Double.parseDouble(f);
            results.add(run(Math.max(1, (int) Math.round(executors * fraction)), cores,
                    Math.max(1, (int) Math.round(tasks * fraction)), "measured"));
        }
        System.out.println();
        System.out.println("| executors x cores | tasks | job (ms) | of which planning (ms) | tasks/s | per task (µs) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %d x %d | %d | %d | %d | %.0f | %.1f |%n", r.executors(), r.cores(),
                    r.tasks(), r.millis(), r.planMillis(), r.tasksPerSecond(), r.millis() * 1000.0 / r.tasks());
        }
    }

    static Result run(int executors, int cores, int tasks, String what) throws Exception {
        AppSecret secret = AppSecret.generate();
        SpindleConf conf = SpindleConf.of(Map.of(
                "spindle.executor.instances", Integer.toString(executors),
                "spindle.executor.cores", Integer.toString(cores),
                "spindle.scheduler.minRegisteredExecutorsRatio", "1.0",
                "spindle.scheduler.maxRegisteredExecutorsWait", "60s",
                "spindle.app.id", "application_1_0001",
                "spindle.app.name", "driver-scale"));
        Configuration hadoop = new Configuration(false);
        hadoop.set("fs.defaultFS", "file:///");
        try (Driver driver = Driver.start(conf, hadoop, secret, "127.0.0.1", "127.0.0.1");
             Transport transport = new Transport("sim-executors", 1, TransportSecurity.of(secret, false))) {
            String[] hostPort = driver.address().split(":");
            byte[] one = JavaSerializer.serialize(1L);
            AtomicLong answered = new AtomicLong();
            List<Connection> sims = new ArrayList<>();
            for (int e = 0; e < executors; e++) {
                String id = Integer.toString(e + 1);
                Connection c = transport.connect(hostPort[0], Integer.parseInt(hostPort[1]), 10_000, Link.EXECUTOR,
                        new MessageListener() {
                            @Override
                            public void onMessage(Connection connection, Message message) {
                                if (message instanceof LaunchTask t) {
                                    answered.incrementAndGet();
                                    connection.send(new TaskFinished(t.taskId(), id, one, 1000, TaskMetrics.NONE));
                                }
                            }

                            @Override
                            public void onDisconnected(Connection connection) {
                            }
                        });
                c.send(new RegisterExecutor(id, "sim-host-" + (e % 50), cores, "container_1_0001_01_" + (e + 2), 1));
                sims.add(c);
            }
            DriverRuntime.install(driver);
            try (SpindleContext sc = new SpindleContext()) {
                List<Integer> data = IntStream.range(0, tasks).boxed().toList();
                long start = System.nanoTime();
                var dataset = sc.parallelize(data, tasks);
                long planned = System.nanoTime();
                long count = dataset.count();
                long end = System.nanoTime();
                if (count != tasks || answered.get() != tasks) {
                    throw new IllegalStateException("wrong answer: counted " + count + ", " + answered.get()
                            + " tasks answered, of " + tasks);
                }
                Result r = new Result(executors, cores, tasks, (end - start) / 1_000_000, (planned - start) / 1_000_000);
                System.out.printf(Locale.ROOT, "%s: %d executors x %d cores, %d tasks in %d ms: %.0f tasks/s%n", what,
                        executors, cores, tasks, r.millis(), r.tasksPerSecond());
                return r;
            } finally {
                DriverRuntime.clear(driver);
                sims.forEach(Connection::close);
            }
        }
    }
}
