package dev.spindle.submit;

import java.util.Arrays;

/** {@code bin/spindle-submit}'s entry point: wires the real streams and environment and exits. */
public final class SpindleSubmitMain {
    private SpindleSubmitMain() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--verbose")) {
            org.apache.log4j.Logger.getLogger("dev.spindle").setLevel(org.apache.log4j.Level.INFO);
        }
        int code = new SpindleSubmit(System.out, System.err, System.getenv(), Timeline.jvmStartMillis()).run(args);
        System.out.flush();
        System.exit(code);
    }
}
