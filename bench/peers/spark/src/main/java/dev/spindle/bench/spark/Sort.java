package dev.spindle.bench.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * {@code Sort IN OUT [PARTITIONS]}: IN holds 100-byte records (TeraGen layout: 10-byte key, 90-byte value, no
 * separators). Sorts them globally by key, compared as unsigned bytes, with a range-partitioned
 * sortByKey, and writes them back as raw 100-byte records, so the part files under OUT, taken in
 * name order, hold every record in key order.
 */
public final class Sort {
    public static final int RECORD = 100;
    public static final int KEY = 10;

    private Sort() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: Sort IN OUT [PARTITIONS]");
            System.exit(2);
        }
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "spark-sort");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            Configuration hadoopConf = sc.hadoopConfiguration();
            var records = sc.binaryRecords(args[0], RECORD).mapToPair(r -> new Tuple2<>(RecordKey.of(r), r));
            int partitions = args.length == 3 ? Integer.parseInt(args[2]) : records.getNumPartitions();
            records.sortByKey(true, partitions)
                    .saveAsNewAPIHadoopFile(args[1], Object.class, byte[].class, RawRecordOutputFormat.class,
                            hadoopConf);
        }
    }
}
