package dev.spindle.bench.compare;

import java.nio.file.Path;

/** Makes the systems {@code --systems} names. */
final class Systems {
    private Systems() {
    }

    static BenchSystem create(String name, Path home, Resources r) {
        return switch (name) {
            case "spindle-client" -> new SpindleSystem(home, "client", false, r);
            case "spindle-cluster" -> new SpindleSystem(home, "cluster", false, r);
            case "spindle-client-nolocality" -> new SpindleSystem(home, "client", true, r);
            case "mapreduce" -> new MapReduceSystem(home, r);
            case "spark-client" -> new SparkSystem(home, "client", r);
            case "spark-cluster" -> new SparkSystem(home, "cluster", r);
            default -> throw new IllegalArgumentException("no such system: " + name);
        };
    }
}
