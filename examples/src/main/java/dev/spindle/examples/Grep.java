package dev.spindle.examples;

import dev.spindle.SpindleContext;

import java.util.regex.Pattern;

/**
 * {@code Grep IN OUT REGEX}: writes the lines of IN that contain a match of REGEX to part files
 * under OUT, in input order, and prints how many there were.
 */
public final class Grep {
    private Grep() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: Grep IN OUT REGEX");
        }
        String regex = args[2];
        Pattern.compile(regex);
        try (SpindleContext sc = new SpindleContext()) {
            var matches = sc.textFile(args[0]).filter(line -> Pattern.compile(regex).matcher(line).find());
            matches.saveAsTextFile(args[1]);
            System.out.println("Grep wrote the matching lines of " + args[0] + " to " + args[1]);
        }
    }
}
