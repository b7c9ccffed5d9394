package dev.spindle.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** English-like text with Zipf-distributed words and a fixed seed, for the input benchmarks. */
final class TextCorpus {
    private TextCorpus() {
    }

    static byte[] generate(int bytes, long seed) {
        String[] vocabulary = new String[5000];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder w = new StringBuilder();
            int len = 2 + rnd.nextInt(8);
            for (int c = 0; c < len; c++) {
                w.append((char) ('a' + rnd.nextInt(26)));
            }
            vocabulary[i] = w.toString();
        }
        // Zipf with exponent 1 over the vocabulary, by inverting the cumulative harmonic weights.
        double[] cumulative = new double[vocabulary.length];
        double sum = 0;
        for (int i = 0; i < vocabulary.length; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes + 128);
        while (out.size() < bytes) {
            int words = 5 + rnd.nextInt(15);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < words; i++) {
                double u = rnd.nextDouble() * sum;
                int lo = java.util.Arrays.binarySearch(cumulative, u);
                int idx = lo >= 0 ? lo : -lo - 1;
                if (i > 0) {
                    line.append(' ');
                }
                line.append(vocabulary[Math.min(idx, vocabulary.length - 1)]);
            }
            line.append('\n');
            out.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
