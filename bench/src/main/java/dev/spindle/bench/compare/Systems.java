package dev.spindle.bench.compare;

import java.nio.file.Path;

/** Makes the systems {@code --systems} names. */
final class Systems {
    private Systems() {
    }

    static BenchSystem create(String name, Path home, Resources r, Profiling profiling) {
        return switch (name) {
            case "spindle-client" -> new SpindleSystem(home, "client", SpindleSystem.Variant.DEFAULTS, r, profiling);
            case "spindle-cluster" -> new SpindleSystem(home, "cluster", SpindleSystem.Variant.DEFAULTS, r, profiling);
            case "spindle-client-nolocality" -> new SpindleSystem(home, "client", SpindleSystem.Variant.NO_LOCALITY, r,
                    profiling);
            case "spindle-client-crypto" -> new SpindleSystem(home, "client", SpindleSystem.Variant.CRYPTO, r, profiling);
            case "spindle-client-nocompress" -> new SpindleSystem(home, "client", SpindleSystem.Variant.NO_COMPRESS, r,
                    profiling);
            case "spindle-client-nocache" -> new SpindleSystem(home, "client", SpindleSystem.Variant.NO_CACHE, r,
                    profiling);
            case "spindle-client-fullsample" -> new SpindleSystem(home, "client", SpindleSystem.Variant.FULL_SAMPLE, r,
                    profiling);
            case "spindle-client-unmanaged" -> new SpindleSystem(home, "client", SpindleSystem.Variant.UNMANAGED_AM, r,
                    profiling);
            case "mapreduce" -> new MapReduceSystem(home, r, profiling);
            case "spark-client" -> new SparkSystem(home, "client", r, profiling);
            case "spark-cluster" -> new SparkSystem(home, "cluster", r, profiling);
            default -> throw new IllegalArgumentException("no such system: " + name);
        };
    }
}
