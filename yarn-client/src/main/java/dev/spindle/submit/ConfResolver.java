package dev.spindle.submit;

import dev.spindle.config.ConfigKey;
import dev.spindle.config.KeyCheck;
import dev.spindle.config.KeySet;
import dev.spindle.config.SpindleConf;

import java.io.IOException;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves an application's settings. Later sources win: built-in defaults, then
 * {@code conf/spindle-defaults.conf}, then {@code --properties-file}, then {@code --conf}, then
 * dedicated flags such as {@code --executor-memory}.
 */
public final class ConfResolver {
    private ConfResolver() {
    }

    /**
     * @param defaultsFile  the installation's defaults file; skipped when absent
     * @param propertiesFile the user's file, or null; must exist when given
     */
    public static SpindleConf resolve(Path defaultsFile, Path propertiesFile, Map<String, String> confs,
                                      Map<String, String> flags, List<ConfigKey<?>> known) {
        return resolve(defaultsFile, propertiesFile, confs, flags, known, w -> { });
    }

    /**
     * As {@link #resolve(Path, Path, Map, Map, List)}, telling {@code warn} of settings no key knows
     * before any bad value fails the resolution.
     */
    public static SpindleConf resolve(Path defaultsFile, Path propertiesFile, Map<String, String> confs,
                                      Map<String, String> flags, List<ConfigKey<?>> known,
                                      java.util.function.Consumer<String> warn) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (defaultsFile != null && Files.isRegularFile(defaultsFile)) {
            merged.putAll(load(defaultsFile));
        }
        if (propertiesFile != null) {
            if (!Files.isRegularFile(propertiesFile) || !Files.isReadable(propertiesFile)) {
                throw new UserError("properties file " + propertiesFile + " does not exist or cannot be read", 2, null);
            }
            merged.putAll(load(propertiesFile));
        }
        merged.putAll(confs);
        merged.putAll(flags);
        SpindleConf conf = SpindleConf.of(merged);
        KeyCheck.warnings(merged, known).forEach(warn);
        try {
            conf.validate(known);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2, e);
        }
        return conf;
    }

    /** The keys of spindle-submit and of core, the modules on this process's own class path. */
    public static List<ConfigKey<?>> knownKeys() {
        return KeySet.all(ConfResolver.class.getClassLoader());
    }

    /**
     * Every module's keys: those on this class path and those of the jars spindle-submit stages (the
     * ApplicationMaster's and the executors'), read from the jars without running any of their code
     * but the key declarations.
     */
    public static List<ConfigKey<?>> knownKeys(Collection<Path> stagedJars) {
        URL[] urls = new URL[stagedJars.size()];
        int i = 0;
        for (Path jar : stagedJars) {
            try {
                urls[i++] = jar.toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new UserError("cannot read Spindle's jar " + jar + ": " + e.getMessage(), 1, e);
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls, ConfResolver.class.getClassLoader())) {
            return KeySet.all(loader);
        } catch (IOException | java.util.ServiceConfigurationError e) {
            throw new UserError("cannot read the configuration keys of Spindle's jars: " + e.getMessage(), 1, e);
        }
    }



    private static Map<String, String> load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, String> out = new LinkedHashMap<>();
            SpindleConf.read(r).asMap().forEach((k, v) -> out.put(k, v.trim()));
            return out;
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("cannot read properties file " + file + ": " + e.getMessage(), 2, e);
        }
    }
}
