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

    /**
     * A home assembled in {@code dir} from the jars on {@code loader}'s class path, for a program that has
     * Spindle as dependencies rather than an installation (a user's tests): each of Spindle's jars, and
     * the libraries core needs, found by a class it holds (a module compiled to a directory is jarred),
     * laid out as a distribution's {@code jars/}.
     */
    public static SpindleHome assemble(Path dir, ClassLoader loader) {
        Map<String, String> spindle = Map.of(StagedFiles.CORE_JAR, "dev.spindle.SpindleContext",
                StagedFiles.HDFS_INPUT_JAR, "dev.spindle.hdfs.FileSplit",
                StagedFiles.AM_JAR, "dev.spindle.am.AppMasterMain",
                StagedFiles.EXECUTOR_JAR, "dev.spindle.executor.ExecutorMain");
        java.util.List<String> libraries = java.util.List.of("net.jpountz.lz4.LZ4Factory",
                "com.esotericsoftware.kryo.Kryo", "com.esotericsoftware.minlog.Log",
                "com.esotericsoftware.reflectasm.MethodAccess", "org.objenesis.Objenesis");
        try {
            Path jars = Files.createDirectories(dir.resolve("jars"));
            Path lib = Files.createDirectories(jars.resolve("lib"));
            for (Map.Entry<String, String> jar : spindle.entrySet()) {
                copyHolder(loader, jar.getValue(), jars.resolve(jar.getKey()));
            }
            for (String marker : libraries) {
                Path from = holder(loader, marker);
                copyHolder(loader, marker, lib.resolve(from.getFileName().toString().endsWith(".jar")
                        ? from.getFileName().toString() : marker + ".jar"));
            }
            Files.createDirectories(dir.resolve("conf"));
            return new SpindleHome(dir.toAbsolutePath().normalize());
        } catch (java.io.IOException e) {
            throw new UserError("cannot assemble Spindle's jars in " + dir + ": " + e.getMessage(), 1, e);
        }
    }

    /** The jar (or class directory) that {@code loader} loads {@code className} from. */
    private static Path holder(ClassLoader loader, String className) {
        try {
            java.security.CodeSource source = Class.forName(className, false, loader).getProtectionDomain()
                    .getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new UserError("cannot tell where " + className + " is loaded from", 1, null);
            }
            return Path.of(source.getLocation().toURI());
        } catch (ClassNotFoundException e) {
            throw new UserError(className + " is not on the class path: depend on the Spindle module that holds it", 1,
                    e);
        } catch (java.net.URISyntaxException e) {
            throw new UserError("cannot read the location of " + className + ": " + e.getMessage(), 1, e);
        }
    }

    private static void copyHolder(ClassLoader loader, String className, Path target) throws java.io.IOException {
        Path from = holder(loader, className);
        if (Files.isRegularFile(from)) {
            Files.copy(from, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        // Classes compiled to a directory (a module of the same build): jar them.
        jar(from, target);
    }

    /** Writes every file under {@code classes} into the jar {@code target}, by their paths below it. */
    public static void jar(Path classes, Path target) throws java.io.IOException {
        try (java.io.OutputStream out = Files.newOutputStream(target);
             java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(out);
             java.util.stream.Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
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
