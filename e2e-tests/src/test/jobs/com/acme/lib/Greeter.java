package com.acme.lib;

/** A library class the job's jar does not hold: it reaches the job through --jars. */
public final class Greeter {
    private Greeter() {
    }

    public static String greet(String who) {
        return "hello " + who + " from the extra jar";
    }
}
