package dev.spindle.submit;

import dev.spindle.status.StatusViews;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The job's progress on spindle-submit's console. On a terminal: one line, redrawn in place, with a
 * bar per running stage ({@code [stage 3 (shuffle 1 map): ====>    (212 + 4) / 400]}: done, running,
 * total), shown once a stage has run half a second so quick stages do not flicker. Elsewhere (a file, a
 * pipe, CI): a plain line when a stage starts and when it ends.
 *
 * <p>Threading: {@link #tick} runs on the one thread {@link #start} makes (or a test's); the stage source
 * must be safe to call from it.
 */
final class ConsoleProgress implements AutoCloseable {
    static final long SHOW_AFTER_MILLIS = 500;
    private static final int MAX_SHOWN = 3;

    private final Supplier<List<StatusViews.Stage>> stages;
    private final PrintStream out;
    private final boolean terminal;
    private final int width;
    private final long intervalMillis;
    private final LongSupplier clock;
    private final Set<Integer> announced = new HashSet<>();
    private final Set<Integer> ended = new HashSet<>();
    private int drawnLength;
    private Thread thread;
    private volatile boolean closed;

    /**
     * @param stages every stage of the application so far (from the driver, or its JSON API)
     * @param width  the terminal's columns
     */
    ConsoleProgress(Supplier<List<StatusViews.Stage>> stages, PrintStream out, boolean terminal, int width,
                    long intervalMillis, LongSupplier clock) {
        this.stages = stages;
        this.out = out;
        this.terminal = terminal;
        this.width = Math.max(40, width);
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    /** Whether this process's output is a terminal. */
    @SuppressWarnings("SystemConsoleNull") // on Java 17 null means no terminal; newer JDKs answer isTerminal()
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    static int terminalWidth(java.util.Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault("COLUMNS", "80").trim());
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    void start() {
        thread = new Thread(() -> {
            while (!closed) {
                try {
                    tick();
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // The progress line is a courtesy: a source that fails (a driver gone) ends it quietly.
                    return;
                }
            }
        }, "spindle-console-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** One look at the stages: a redraw on a terminal, the lines of stages that started or ended elsewhere. */
    synchronized void tick() {
        List<StatusViews.Stage> all = stages.get();
        if (all == null) {
            return;
        }
        if (terminal) {
            draw(all);
        } else {
            plainLines(all);
        }
    }

    private void plainLines(List<StatusViews.Stage> all) {
        for (StatusViews.Stage s : all) {
            if (announced.add(s.stageId())) {
                out.println("spindle-submit: stage " + s.stageId() + " (" + s.name() + ") of job " + s.jobId() + ": "
                        + s.tasks() + (s.tasks() == 1 ? " task" : " tasks"));
            }
            if (!s.active() && ended.add(s.stageId())) {
                out.println("spindle-submit: stage " + s.stageId() + " (" + s.name() + ") "
                        + (s.failure() == null ? "finished in " + seconds(s.endedAt() - s.submittedAt())
                        : "failed: " + s.failure()));
            }
        }
    }

    private void draw(List<StatusViews.Stage> all) {
        long now = clock.getAsLong();
        List<StatusViews.Stage> shown = new ArrayList<>();
        for (StatusViews.Stage s : all) {
            if (s.active() && now - s.submittedAt() >= SHOW_AFTER_MILLIS && shown.size() < MAX_SHOWN) {
                shown.add(s);
            }
        }
        if (shown.isEmpty()) {
            clear();
            return;
        }
        int each = width / shown.size();
        StringBuilder line = new StringBuilder();
        for (StatusViews.Stage s : shown) {
            line.append(bar(s, each));
        }
        String text = line.toString();
        String pad = text.length() < drawnLength ? " ".repeat(drawnLength - text.length()) : "";
        out.print("\r" + text + pad + "\r");
        out.flush();
        drawnLength = text.length();
    }

    /** {@code [stage 3 (name): ====>     (212 + 4) / 400]} in {@code columns} characters, the name cut to fit. */
    static String bar(StatusViews.Stage s, int columns) {
        String counts = "(" + s.done() + " + " + s.running() + ") / " + s.tasks() + "]";
        String name = s.name();
        String head = "[stage " + s.stageId() + " (" + name + "): ";
        int room = columns - head.length() - counts.length();
        if (room < 10 && name.length() > 8) {
            name = name.substring(0, 7) + "…";
            head = "[stage " + s.stageId() + " (" + name + "): ";
            room = columns - head.length() - counts.length();
        }
        if (room < 3) {
            return head + counts;
        }
        int barWidth = room - 1;
        int filled = s.tasks() == 0 ? barWidth : (int) ((long) barWidth * s.done() / s.tasks());
        StringBuilder b = new StringBuilder(head);
        b.append("=".repeat(filled));
        if (filled < barWidth) {
            b.append('>').append(" ".repeat(barWidth - filled - 1));
        }
        return b.append(' ').append(counts).toString();
    }

    private void clear() {
        if (drawnLength > 0) {
            out.print("\r" + " ".repeat(drawnLength) + "\r");
            out.flush();
            drawnLength = 0;
        }
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Stops redrawing; a last look prints what ended since, and the terminal line is cleared. */
    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            try {
                List<StatusViews.Stage> all = stages.get();
                if (!terminal && all != null) {
                    plainLines(all);
                }
            } catch (RuntimeException e) {
                // The source is gone: nothing more to say.
            }
            clear();
        }
    }
}
