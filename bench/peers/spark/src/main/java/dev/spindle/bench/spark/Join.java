package dev.spindle.bench.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * {@code Join ORDERS CUSTOMERS OUT}: Spindle's Join example on Spark's Java API: orders
 * ({@code orderId,customerId,amount}) left-outer-joined with customers ({@code customerId,name,country}),
 * {@code country<TAB>orders<TAB>amount} lines sorted by country in one part file.
 */
public final class Join {
    private Join() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: Join ORDERS CUSTOMERS OUT");
            System.exit(2);
        }
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "spark-join");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            JavaPairRDD<String, Long> orders = sc.textFile(args[0]).filter(l -> !l.isBlank()).mapToPair(l -> {
                String[] f = l.split(",");
                return new Tuple2<>(f[1].trim(), Long.parseLong(f[2].trim()));
            });
            JavaPairRDD<String, String> countries = sc.textFile(args[1]).filter(l -> !l.isBlank()).mapToPair(l -> {
                String[] f = l.split(",");
                return new Tuple2<>(f[0].trim(), f[2].trim());
            });
            orders.leftOuterJoin(countries)
                    .mapToPair(p -> new Tuple2<>(p._2()._2().orElse("(unknown customer)"), new long[]{1, p._2()._1()}))
                    .reduceByKey((a, b) -> new long[]{a[0] + b[0], a[1] + b[1]})
                    .sortByKey(true)
                    .map(p -> p._1() + "\t" + p._2()[0] + "\t" + p._2()[1])
                    .coalesce(1)
                    .saveAsTextFile(args[2]);
        }
    }
}
