package dev.spindle.submit;

import dev.spindle.yarn.StagedFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where this Spindle installation keeps its configuration and the jars it stages for the
 * ApplicationMaster and executors: {@code jars/} of a distribution, or each module's
 * {@code target/} in a source checkout. The home is {@code -Dspindle.home} (set by bin/spindle-submit).
 */
public record SpindleHome(Path dir) {

    public static SpindleHome fromSystemProperty() {
        String home = System.getProperty("spindle.home");
        if (home == null || home.isBlank()) {
            throw new UserError("spindle.home is not set: run spindle-submit through bin/spindle-submit");
        }
        return new SpindleHome(Path.of(home).toAbsolutePath().normalize());
    }

    public Path defaultsFile() {
        String confDir = System.getenv("SPINDLE_CONF_DIR");
        return (confDir != null ? Path.of(confDir) : dir.resolve("conf")).resolve("spindle-defaults.conf");
    }

    /** Staged name → local file of Spindle's own jars. */
    public Map<String, Path> jars() {
        Map<String, Path> out = new LinkedHashMap<>();
        out.put(StagedFiles.CORE_JAR, find("core", StagedFiles.CORE_JAR));
        out.put(StagedFiles.HDFS_INPUT_JAR, find("hdfs-input", StagedFiles.HDFS_INPUT_JAR));
        out.put(StagedFiles.AM_JAR, find("app-master", StagedFiles.AM_JAR));
        out.put(StagedFiles.EXECUTOR_JAR, find("executor-launcher", StagedFiles.EXECUTOR_JAR));
        for (Path lib : libraries()) {
            out.put(lib.getFileName().toString(), lib);
        }
        return out;
    }

    /**
     * The third-party jars core needs that clusters do not carry: {@code jars/lib} of a distribution, or
     * {@code core/target/lib} (written by the build) in a source checkout.
     */
    public java.util.List<Path> libraries() {
        Path dist = dir.resolve("jars").resolve("lib");
        Path libDir = Files.isDirectory(dist) ? dist : dir.resolve("core").resolve("target").resolve("lib");
        if (!Files.isDirectory(libDir)) {
            throw new UserError("Spindle's libraries are missing (looked in " + dist + " and " + libDir
                    + "): build Spindle first with 'mvn -DskipTests package'");
        }
        try (var jars = Files.list(libDir)) {
            return jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new UserError("cannot list Spindle's libraries in " + libDir + ": " + e.getMessage());
        }
    }

    private Path find(String module, String jar) {
        Path dist = dir.resolve("jars").resolve(jar);
        if (Files.isRegularFile(dist)) {
            return dist;
        }
        Path dev = dir.resolve(module).resolve("target").resolve(jar);
        if (Files.isRegularFile(dev)) {
            return dev;
        }
        throw new UserError("Spindle's " + jar + " is missing (looked in " + dist + " and " + dev
                + "): build Spindle first with 'mvn -DskipTests package'");
    }
}
