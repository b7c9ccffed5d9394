package dev.spindle.bench.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code PageRank IN OUT ITERATIONS [cache|nocache]}: Spark's own JavaPageRank example, as its
 * examples directory has it (distinct links grouped and cached, ranks joined with them each iteration),
 * writing {@code page<TAB>rank} lines; {@code nocache} leaves out the {@code cache()}.
 */
public final class PageRank {
    private PageRank() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: PageRank IN OUT ITERATIONS [cache|nocache]");
            System.exit(2);
        }
        int iterations = Integer.parseInt(args[2]);
        boolean cache = args.length < 4 || args[3].equals("cache");
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "spark-pagerank");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            JavaPairRDD<String, Iterable<String>> links = sc.textFile(args[0]).flatMapToPair(line -> {
                String[] parts = line.trim().split("\\s+");
                return parts.length == 2 ? List.of(new Tuple2<>(parts[0], parts[1])).iterator()
                        : Collections.<Tuple2<String, String>>emptyIterator();
            }).distinct().groupByKey();
            if (cache) {
                links = links.cache();
            }
            JavaPairRDD<String, Double> ranks = links.mapValues(urls -> 1.0);
            for (int i = 0; i < iterations; i++) {
                JavaPairRDD<String, Double> contributions = links.join(ranks).values().flatMapToPair(p -> {
                    List<String> urls = new ArrayList<>();
                    p._1().forEach(urls::add);
                    List<Tuple2<String, Double>> out = new ArrayList<>(urls.size());
                    for (String url : urls) {
                        out.add(new Tuple2<>(url, p._2() / urls.size()));
                    }
                    return out.iterator();
                });
                ranks = contributions.reduceByKey(Double::sum).mapValues(sum -> 0.15 + sum * 0.85);
            }
            ranks.map(t -> t._1() + "\t" + t._2()).saveAsTextFile(args[1]);
        }
    }
}
