package dev.spindle.bench.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code WordCount IN OUT}: the non-empty tokens of each line of IN, split on runs of whitespace
 * (the characters Java's {@code \s} matches), counted with reduceByKey and written as
 * {@code word<TAB>count} lines to part files under OUT.
 */
public final class WordCount {
    private WordCount() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: WordCount IN OUT");
            System.exit(2);
        }
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "spark-wordcount");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.textFile(args[0])
                    .flatMap(WordCount::words)
                    .mapToPair(w -> new Tuple2<>(w, 1L))
                    .reduceByKey(Long::sum)
                    .map(t -> t._1() + "\t" + t._2())
                    .saveAsTextFile(args[1]);
        }
    }

    /** The tokens of a line between runs of {@code [ \t\n\x0B\f\r]}. */
    static Iterator<String> words(String line) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.iterator();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
