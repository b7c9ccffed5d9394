package dev.spindle;

import dev.spindle.config.CoreKeys;
import dev.spindle.spi.Engines;

import java.nio.file.Path;

/**
 * Where the files shipped with the application are: those of {@code spindle-submit --files} and the
 * unpacked directories of {@code --archives}, under their link names (the {@code #name} of
 * {@code --files lookup.csv#codes}, else the file's own name). The same call works in the driver and in
 * tasks: in containers the files sit in the working directory, in a client-mode driver in a local
 * directory spindle-submit prepared for the run.
 */
public final class SpindleFiles {
    private SpindleFiles() {
    }

    /** The local path of the shipped file or unpacked archive {@code name}; it need not exist. */
    public static Path get(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("a shipped file's name is its link name, one path component, not '"
                    + name + "'");
        }
        return rootDirectory().resolve(name);
    }

    /** The directory holding every shipped file. */
    public static Path rootDirectory() {
        String dir = Engines.current().map(e -> e.conf().get(CoreKeys.FILES_LOCAL_DIR)).orElse("");
        return (dir.isEmpty() ? Path.of("") : Path.of(dir)).toAbsolutePath();
    }
}
