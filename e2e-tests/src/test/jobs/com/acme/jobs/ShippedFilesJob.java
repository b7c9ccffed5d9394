package com.acme.jobs;

import com.acme.lib.Greeter;
import dev.spindle.SpindleContext;
import dev.spindle.SpindleFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * A job as a user writes one: a class from a jar shipped with --jars, a lookup file shipped with --files
 * (as "codes"), an archive shipped with --archives (as "dict"), and a variable of its containers'
 * environment, each read in the driver and in tasks.
 */
public final class ShippedFilesJob {
    private ShippedFilesJob() {
    }

    public static void main(String[] args) {
        System.out.println("driver: " + describe("driver"));
        try (SpindleContext sc = new SpindleContext()) {
            List<String> seen = sc.parallelize(List.of(1, 2, 3, 4), 4).map(i -> describe("task")).distinct().collect();
            for (String s : seen) {
                System.out.println("executors: " + s);
            }
        }
    }

    static String describe(String where) {
        try {
            return Greeter.greet(where) + "; codes=" + Files.readString(SpindleFiles.get("codes")).trim()
                    + "; dict=" + Files.readString(SpindleFiles.get("dict").resolve("words.txt")).trim()
                    + "; env=" + System.getenv("SPINDLE_GREETING");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
