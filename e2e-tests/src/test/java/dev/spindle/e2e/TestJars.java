package dev.spindle.e2e;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Jars built while a test runs, from the sources under {@code src/test/jobs}: jobs and libraries as a
 * user's own build makes them, apart from Spindle's (a job jar that lacks its library, a library jar
 * shipped beside it).
 */
final class TestJars {
    static final Path SOURCES = Path.of(System.getProperty("spindle.home"), "e2e-tests", "src", "test", "jobs");

    private TestJars() {
    }

    /**
     * Compiles the sources under {@code SOURCES/<package dirs>} of {@code packages} against this test's class
     * path plus {@code classpath}, and jars the classes.
     */
    static Path compile(Path into, String jarName, List<String> packages, List<Path> classpath) throws IOException {
        Path classes = Files.createTempDirectory(into, "classes-");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-cp",
                System.getProperty("java.class.path") + classpath.stream().map(p -> java.io.File.pathSeparator + p)
                        .reduce("", String::concat)));
        for (String pkg : packages) {
            try (Stream<Path> files = Files.list(SOURCES.resolve(pkg.replace('.', '/')))) {
                files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("javac failed: " + errors.toString(StandardCharsets.UTF_8));
        }
        Path jar = into.resolve(jarName);
        dev.spindle.submit.SpindleHome.jar(classes, jar);
        return jar;
    }

    /** A zip holding one text file. */
    static Path zip(Path file, String entry, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zos = new ZipOutputStream(out)) {
            zos.putNextEntry(new ZipEntry(entry));
            zos.write(text.getBytes(StandardCharsets.UTF_8));
            zos.closeEntry();
        }
        return file;
    }
}
