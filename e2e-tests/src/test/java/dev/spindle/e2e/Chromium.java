package dev.spindle.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium for tests of the web UI: what a page's DOM is once the browser loaded it,
 * and a screenshot. Found at {@code /usr/bin/chromium} (or {@code $SPINDLE_CHROMIUM}); when it is not
 * there and this is root on Debian, installed with apt-get, saying so; otherwise the test fails with the
 * one command that fixes it.
 */
final class Chromium {
    private final Path binary;
    private final Path profile;

    private Chromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    static Chromium findOrInstall(Path work) throws Exception {
        String given = System.getenv("SPINDLE_CHROMIUM");
        Path binary = Path.of(given != null ? given : "/usr/bin/chromium");
        if (!Files.isExecutable(binary) && given == null) {
            install();
        }
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("this test needs Chromium at " + binary + ": install Debian's package (as root: "
                    + "apt-get install chromium) or set SPINDLE_CHROMIUM to a Chromium binary");
        }
        return new Chromium(binary, Files.createDirectories(work.resolve("chromium-profile")));
    }

    private static void install() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return;
        }
        System.out.println("Chromium: not installed; installing Debian's chromium package with apt-get");
        run(List.of("apt-get", "update", "-q"), 10);
        ProcessBuilder pb = new ProcessBuilder("apt-get", "install", "-y", "-q", "chromium");
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        run(pb, 15);
    }

    private static String run(List<String> command, int minutes) throws Exception {
        return run(new ProcessBuilder(command), minutes);
    }

    private static String run(ProcessBuilder pb, int minutes) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(pb.command() + " did not end within " + minutes + " minutes");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(pb.command() + " failed with " + p.exitValue() + ": " + text);
        }
        return text;
    }

    private List<String> command(String... extra) {
        // No background networking: this machine's network is closed, and a browser that tries wastes time.
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,1000"));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    /** The page's DOM after Chromium loaded and rendered it (its scripts ran, had there been any). */
    String dom(String url) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command("--dump-dom", url));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        p.getOutputStream().close();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("Chromium could not load " + url);
        }
        return dom;
    }

    /** A screenshot of the page, as PNG at {@code file}. */
    void screenshot(String url, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        run(command("--screenshot=" + file.toAbsolutePath(), url), 2);
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new IOException("Chromium wrote no screenshot of " + url + " to " + file);
        }
    }
}
