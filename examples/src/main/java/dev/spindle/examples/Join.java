package dev.spindle.examples;

import dev.spindle.Pair;
import dev.spindle.PairDataset;
import dev.spindle.SpindleContext;

import java.util.List;

/**
 * {@code Join ORDERS CUSTOMERS OUT}: a sales report by country, orders joined with customers.
 * ORDERS has lines {@code orderId,customerId,amountInCents}; CUSTOMERS has {@code customerId,name,country}.
 * OUT gets {@code country<TAB>orders<TAB>amountInCents} lines sorted by country; orders whose customer
 * is not in CUSTOMERS are reported under {@code (unknown customer)} (a left outer join), so no order is
 * lost. Malformed lines fail the job with the line in the message.
 */
public final class Join {
    static final String UNKNOWN = "(unknown customer)";

    private Join() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: Join ORDERS CUSTOMERS OUT");
        }
        try (SpindleContext sc = new SpindleContext()) {
            PairDataset<String, Long> orders = sc.textFile(args[0]).filter(l -> !l.isBlank()).mapToPair(line -> {
                List<String> f = fields(line, 3);
                return Pair.of(f.get(1), Long.parseLong(f.get(2)));
            });
            PairDataset<String, String> countries = sc.textFile(args[1]).filter(l -> !l.isBlank()).mapToPair(line -> {
                List<String> f = fields(line, 3);
                return Pair.of(f.get(0), f.get(2));
            });
            PairDataset<String, Totals> byCountry = orders.leftOuterJoin(countries)
                    .mapToPair(p -> Pair.of(p.value().value().orElse(UNKNOWN), new Totals(1, p.value().key())))
                    .reduceByKey(Totals::plus);
            byCountry.sortByKey(true).map(p -> p.key() + "\t" + p.value().orders() + "\t" + p.value().amount())
                    .coalesce(1).saveAsTextFile(args[2]);
            long unknown = byCountry.filter(p -> p.key().equals(UNKNOWN)).values().map(Totals::orders).fold(0L, Long::sum);
            System.out.println("Join: " + byCountry.count() + " countries; " + unknown
                    + " orders had no known customer");
        }
    }

    /**
     * A country's orders and their amount: a type of the job's own in the shuffle, written with Java
     * serialization or, under {@code spindle.serializer=kryo}, with Kryo.
     */
    record Totals(long orders, long amount) implements java.io.Serializable {
        Totals plus(Totals other) {
            return new Totals(orders + other.orders, amount + other.amount);
        }
    }

    /** The {@code n} comma-separated fields of a line, trimmed. */
    static List<String> fields(String line, int n) {
        String[] f = line.split(",", -1);
        if (f.length != n) {
            throw new IllegalArgumentException("expected " + n + " comma-separated fields, got " + f.length + ": " + line);
        }
        return java.util.Arrays.stream(f).map(String::trim).toList();
    }
}
