package dev.spindle.submit;

import dev.spindle.config.ConfigKey;
import dev.spindle.config.SpindleConf;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        try {
            conf.validate(known);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2, e);
        }
        return conf;
    }

    public static List<ConfigKey<?>> knownKeys() {
        List<ConfigKey<?>> all = new ArrayList<>(dev.spindle.config.CoreKeys.all());
        all.addAll(SubmitKeys.all());
        return all;
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
