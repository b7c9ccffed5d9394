package dev.spindle.testcluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds uncaught exceptions in container log files: the JVM's default handler's
 * {@code Exception in thread "name"} line, and the {@code Uncaught exception} that handlers and
 * loggers write. Only these two: a logged, handled exception (a retried task, a WARN with a stack
 * trace) is not a crash. Stateless.
 */
final class ContainerErrorScan {
    /** Marks of an exception nothing caught. */
    static final List<String> MARKS = List.of("Exception in thread \"", "Uncaught exception");
    /** Lines of the stack trace shown after a mark: enough to see what and where. */
    private static final int CONTEXT_LINES = 4;

    /** One uncaught exception: the log file, the 1-based line number of its mark, and the lines from there. */
    record Finding(Path file, int line, List<String> text) {
        /** {@code <app>/<container>/<file>:<line>: <text>}, relative to the NodeManager's log dir. */
        String describe() {
            int n = file.getNameCount();
            String where = n >= 3 ? file.subpath(n - 3, n).toString() : file.toString();
            return where + ":" + line + ": " + String.join(System.lineSeparator() + "    ", text);
        }
    }

    private ContainerErrorScan() {
    }

    /** The uncaught exceptions in these files, in file order then line order. */
    static List<Finding> scan(List<Path> files) throws IOException {
        List<Finding> out = new ArrayList<>();
        for (Path f : files) {
            scanFile(f, out);
        }
        return out;
    }

    private static void scanFile(Path f, List<Finding> out) throws IOException {
        // A decoder that replaces what is not UTF-8: a container may write any bytes to its logs.
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(f),
                StandardCharsets.UTF_8))) {
            List<String> text = null;
            int start = 0;
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (isMark(line)) {
                    if (text != null) {
                        out.add(new Finding(f, start, List.copyOf(text)));
                    }
                    text = new ArrayList<>();
                    text.add(line.strip());
                    start = lineNo;
                } else if (text != null && text.size() <= CONTEXT_LINES) {
                    text.add(line.strip());
                }
            }
            if (text != null) {
                out.add(new Finding(f, start, List.copyOf(text)));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // The NodeManager removed the application's logs meanwhile: nothing left to scan.
        }
    }

    static boolean isMark(String line) {
        for (String mark : MARKS) {
            if (line.contains(mark)) {
                return true;
            }
        }
        return false;
    }
}
