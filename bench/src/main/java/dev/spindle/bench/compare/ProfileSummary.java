package dev.spindle.bench.compare;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ProfileSummary DIR [TOP]}: where the task JVMs of one run spent their CPU, from the JFR
 * recordings {@code bench/run.sh --profile} leaves in DIR: execution samples counted by the method
 * on top of the stack (self time) and by the package of the first frame outside the JDK (so time
 * spent in {@code java.util} on behalf of a system is charged to that system's code).
 */
public final class ProfileSummary {
    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ProfileSummary DIR [TOP]");
            System.exit(2);
        }
        int top = args.length == 2 ? Integer.parseInt(args[1]) : 15;
        System.out.print(summarize(Path.of(args[0]), top));
    }

    static String summarize(Path dir, int top) throws IOException {
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> packages = new HashMap<>();
        long samples = 0;
        int unreadable = 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".jfr")).sorted().toList();
        }
        for (Path f : files) {
            List<RecordedEvent> events;
            try {
                events = RecordingFile.readAllEvents(f);
            } catch (IOException e) {
                // A JVM killed before it could write its recording (a container stopped hard) leaves an
                // empty or partial file: count it, and go on with the others.
                unreadable++;
                continue;
            }
            for (RecordedEvent e : events) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = st.getFrames();
                methods.merge(name(frames.get(0)), 1L, Long::sum);
                packages.merge(owner(frames), 1L, Long::sum);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d recordings (%d unreadable), %d CPU samples%n", dir, files.size(),
                unreadable, samples));
        table(sb, "by code the time is spent for (first frame outside the JDK)", packages, samples, top);
        table(sb, "by method on top of the stack (self time)", methods, samples, top);
        return sb.toString();
    }

    private static void table(StringBuilder sb, String title, Map<String, Long> counts, long total, int top) {
        sb.append("\n  ").append(title).append(":\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * e.getValue() / total,
                        e.getKey())));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** The package (two levels below the top domain) of the first frame not in the JDK. */
    private static String owner(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (!(type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                    || type.startsWith("javax.") || type.startsWith("com.sun."))) {
                String[] parts = type.split("\\.");
                return parts.length <= 4 ? type.substring(0, type.lastIndexOf('.') < 0 ? type.length()
                        : type.lastIndexOf('.')) : String.join(".", parts[0], parts[1], parts[2], parts[3]);
            }
        }
        return "(JDK only)";
    }
}
