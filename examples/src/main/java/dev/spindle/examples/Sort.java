package dev.spindle.examples;

import dev.spindle.Pair;
import dev.spindle.SpindleContext;
import dev.spindle.function.KeyComparator;

import java.util.Arrays;

/**
 * {@code Sort IN OUT [PARTITIONS]}: sorts 100-byte records in the TeraGen layout by their first 10
 * bytes, compared as unsigned bytes, and writes them in the same layout; the part files of OUT, in
 * name order, hold the records in key order.
 */
public final class Sort {
    private Sort() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("usage: Sort IN OUT [PARTITIONS]");
        }
        try (SpindleContext sc = new SpindleContext()) {
            var records = sc.binaryRecords(args[0], GenRecords.RECORD)
                    .mapToPair(r -> Pair.of(Arrays.copyOfRange(r, 0, GenRecords.KEY), r));
            int partitions = args.length == 3 ? Integer.parseInt(args[2]) : records.getNumPartitions();
            records.sortByKey(KeyComparator.unsignedBytes(), true, partitions)
                    .map(Pair::value)
                    .saveAsBinaryRecords(args[1]);
            System.out.println("Sort wrote the records of " + args[0] + " in key order to " + args[1]);
        }
    }
}
