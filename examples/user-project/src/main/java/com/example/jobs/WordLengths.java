package com.example.jobs;

import dev.spindle.Pair;
import dev.spindle.SpindleContext;

import java.util.List;

/** How many words of each length a text has: {@code WordLengths IN OUT}. */
public final class WordLengths {
    private WordLengths() {
    }

    public static void main(String[] args) {
        try (SpindleContext sc = new SpindleContext()) {
            List<Pair<Integer, Long>> counts = sc.textFile(args[0])
                    .flatMap(line -> List.of(line.split("\\s+")).iterator())
                    .filter(word -> !word.isEmpty())
                    .mapToPair(word -> new Pair<>(word.length(), 1L))
                    .reduceByKey(Long::sum)
                    .sortByKey(true)
                    .collect();
            for (Pair<Integer, Long> c : counts) {
                System.out.println(c.key() + " letters: " + c.value());
            }
        }
    }
}
