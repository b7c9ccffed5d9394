package dev.spindle.bench.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.List;

/** {@code Empty}: starts a SparkContext, runs one one-task job, stops. Measures the fixed overhead. */
public final class Empty {
    private Empty() {
    }

    public static void main(String[] args) {
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "spark-empty");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            long n = sc.parallelize(List.of(1), 1).count();
            System.out.println("Empty counted " + n + " element");
        }
    }
}
