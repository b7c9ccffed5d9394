package dev.spindle.bench.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * English-like text for WordCount: lines of 5 to 19 words, separated by one space, drawn from a
 * vocabulary of pronounceable words with Zipf-distributed frequencies (exponent 1, as word counts in
 * natural text roughly follow). A part's bytes depend only on the seed and the part number, so the
 * same arguments give the same bytes on every machine and in every run.
 *
 * <p>Immutable after construction; {@link #writePart} may run on several threads at once.
 */
public final class ZipfText {
    private static final String[] ONSETS = {"", "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "w",
        "br", "ch", "cl", "st", "th", "tr", "sh", "pl", "gr"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ea", "ou", "ai", "y"};
    private static final String[] CODAS = {"", "", "n", "r", "s", "t", "l", "nd", "ng", "st", "ck", "m"};

    private final long seed;
    private final byte[][] words;
    private final double[] cumulative;

    /**
     * @param seed       fixes the vocabulary and every part's text
     * @param vocabulary how many distinct words to draw from (a word may come out twice: counts merge)
     */
    public ZipfText(long seed, int vocabulary) {
        if (vocabulary < 1) {
            throw new IllegalArgumentException("vocabulary must have at least one word, not " + vocabulary);
        }
        this.seed = seed;
        this.words = new byte[vocabulary][];
        this.cumulative = new double[vocabulary];
        SplittableRandom rnd = new SplittableRandom(seed);
        double sum = 0;
        for (int i = 0; i < vocabulary; i++) {
            // Frequent words are short, as in English: one syllable for the first hundred, more later.
            int syllables = 1 + (i < 100 ? 0 : rnd.nextInt(i < 2000 ? 2 : 4));
            StringBuilder w = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                w.append(ONSETS[rnd.nextInt(ONSETS.length)]).append(VOWELS[rnd.nextInt(VOWELS.length)])
                        .append(CODAS[rnd.nextInt(CODAS.length)]);
            }
            words[i] = w.toString().getBytes(StandardCharsets.US_ASCII);
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
    }

    /**
     * Writes whole lines, at most {@code maxBytes} of them, for part {@code part}; adds each word
     * written to {@code counts} (indexed as {@link #word}), when not null. Returns the bytes written.
     */
    public long writePart(OutputStream out, long maxBytes, int part, long[] counts) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + part);
        byte[] line = new byte[64 * 1024];
        double total = cumulative[cumulative.length - 1];
        long written = 0;
        int[] chosen = new int[20];
        while (true) {
            int n = 5 + rnd.nextInt(15);
            int len = 0;
            for (int i = 0; i < n; i++) {
                int idx = Arrays.binarySearch(cumulative, rnd.nextDouble() * total);
                idx = Math.min(idx >= 0 ? idx : -idx - 1, words.length - 1);
                chosen[i] = idx;
                byte[] w = words[idx];
                if (i > 0) {
                    line[len++] = ' ';
                }
                System.arraycopy(w, 0, line, len, w.length);
                len += w.length;
            }
            line[len++] = '\n';
            if (written + len > maxBytes) {
                return written;
            }
            out.write(line, 0, len);
            written += len;
            if (counts != null) {
                for (int i = 0; i < n; i++) {
                    counts[chosen[i]]++;
                }
            }
        }
    }

    public int vocabularySize() {
        return words.length;
    }

    public String word(int index) {
        return new String(words[index], StandardCharsets.US_ASCII);
    }

    /** Word counts by word, from counts indexed as {@link #word} (equal words merged). */
    public Map<String, Long> countsByWord(long[] counts) {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                out.merge(word(i), counts[i], Long::sum);
            }
        }
        return out;
    }

    /** The digest of WordCount's right answer: one {@code word<TAB>count} line per word. */
    public static Digest wordCountDigest(Map<String, Long> counts) {
        Digest.Builder d = new Digest.Builder();
        counts.forEach((w, c) -> d.add((w + "\t" + c).getBytes(StandardCharsets.UTF_8)));
        return d.build();
    }
}
