package dev.spindle.hdfs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitCalculatorTest {
    private static final long MB = 1024 * 1024;
    private final SplitCalculator calc = new SplitCalculator(1, Long.MAX_VALUE);

    private static List<SplitCalculator.Block> blocks(long blockSize, long length, String... hostsPerBlock) {
        List<SplitCalculator.Block> out = new java.util.ArrayList<>();
        int i = 0;
        for (long off = 0; off < length; off += blockSize, i++) {
            out.add(new SplitCalculator.Block(off, Math.min(blockSize, length - off),
                    List.of(hostsPerBlock[i % hostsPerBlock.length])));
        }
        return out;
    }

    @Test
    void oneSplitPerBlockWithThatBlocksHosts() {
        List<FileSplit> s = calc.splitFile("f", 3 * MB, MB, blocks(MB, 3 * MB, "a", "b", "c"), true, Long.MAX_VALUE);
        assertEquals(3, s.size());
        assertEquals(List.of(0L, MB, 2 * MB), s.stream().map(FileSplit::start).toList());
        assertTrue(s.stream().allMatch(x -> x.length() == MB));
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), s.stream().map(FileSplit::hosts).toList());
    }

    @Test
    void aSmallLastPieceJoinsTheSplitBeforeIt() {
        long len = 2 * MB + MB / 20;   // 5 % over two blocks
        List<FileSplit> s = calc.splitFile("f", len, MB, blocks(MB, len, "a"), true, Long.MAX_VALUE);
        assertEquals(2, s.size());
        assertEquals(MB + MB / 20, s.get(1).length());
        assertEquals(len, s.stream().mapToLong(FileSplit::length).sum());
    }

    @Test
    void unsplittableFilesAreOneSplit() {
        List<FileSplit> s = calc.splitFile("f.gz", 5 * MB, MB, blocks(MB, 5 * MB, "a", "b"), false, Long.MAX_VALUE);
        assertEquals(List.of(new FileSplit("f.gz", 0, 5 * MB, List.of("a"))), s);
    }

    @Test
    void boundsAndGoalSizeShapeTheSplits() {
        SplitCalculator bounded = new SplitCalculator(1, MB / 2);
        assertEquals(8, bounded.splitFile("f", 4 * MB, MB, blocks(MB, 4 * MB, "a"), true, Long.MAX_VALUE).size());
        SplitCalculator atLeast = new SplitCalculator(2 * MB, Long.MAX_VALUE);
        assertEquals(2, atLeast.splitFile("f", 4 * MB, MB, blocks(MB, 4 * MB, "a"), true, Long.MAX_VALUE).size());
        // Asking for 8 partitions of a one-block file.
        assertEquals(8, calc.splitFile("f", MB, 128 * MB, blocks(128 * MB, MB, "a"), true, MB / 8).size());
    }

    @Test
    void emptyFilesGiveNothingAndBadBoundsAreRefused() {
        assertTrue(calc.splitFile("f", 0, MB, List.of(), true, Long.MAX_VALUE).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new SplitCalculator(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new SplitCalculator(10, 5));
    }

    @Test
    void splitsCoverTheFileExactlyOnce() {
        for (long len : new long[]{1, 999, MB - 1, MB, MB + 1, 7 * MB + 12345}) {
            List<FileSplit> s = calc.splitFile("f", len, MB, blocks(MB, len, "a"), true, Long.MAX_VALUE);
            long expectedStart = 0;
            for (FileSplit x : s) {
                assertEquals(expectedStart, x.start());
                expectedStart = x.end();
            }
            assertEquals(len, expectedStart, "length " + len);
        }
    }
}
