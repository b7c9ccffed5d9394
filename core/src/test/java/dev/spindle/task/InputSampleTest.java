package dev.spindle.task;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputSampleTest {
    @Test
    void aSplitTooSmallForFourStretchesIsReadWhole() {
        InputSample s = new InputSample(InputSample.FRACTION);
        // A 32nd of it would not fill four stretches of 64 KiB: read all of it.
        long small = 4L * 32 * 64 * 1024 - 1;
        assertEquals(List.of(new InputSample.Stretch(100, small)), s.stretches(100, small));
        assertEquals(List.of(), s.stretches(100, 0));
        assertEquals(4, s.stretches(100, small + 1).size());
    }

    @Test
    void aSmallerSplitIsReadInFewerStretchesOfAtLeast64KiB() {
        InputSample s = new InputSample(InputSample.FRACTION);
        // Half of a 64 MiB file in a whole number of 100-byte records: 16 stretches would be one byte
        // short of 64 KiB each, so it is read in 15, which together still read a 32nd of it.
        long start = 33_554_400;
        long length = 33_554_400;
        List<InputSample.Stretch> stretches = s.stretches(start, length);
        assertEquals(15, stretches.size());
        long read = 0;
        for (int i = 0; i < stretches.size(); i++) {
            InputSample.Stretch st = stretches.get(i);
            assertTrue(st.length() >= 64 * 1024, "no stretch under 64 KiB: " + st);
            assertEquals(start + i * (length / 15), st.start());
            assertTrue(st.start() + st.length() <= start + length, "inside the split");
            read += st.length();
        }
        assertEquals(length / 32, read, 15, "a 32nd of the split");
    }

    @Test
    void aLargeSplitIsReadInEvenlySpacedStretchesFromItsStart() {
        InputSample s = new InputSample(InputSample.FRACTION);
        long start = 128L << 20;
        long length = 128L << 20;
        List<InputSample.Stretch> stretches = s.stretches(start, length);
        assertEquals(16, stretches.size());
        assertEquals(start, stretches.get(0).start());
        long read = 0;
        for (int i = 0; i < stretches.size(); i++) {
            InputSample.Stretch st = stretches.get(i);
            assertEquals(start + i * (length / 16), st.start());
            assertEquals(256 * 1024, st.length());
            assertTrue(st.start() + st.length() <= start + length, "inside the split");
            if (i > 0) {
                InputSample.Stretch before = stretches.get(i - 1);
                assertTrue(before.start() + before.length() < st.start(), "apart from the one before");
            }
            read += st.length();
        }
        assertEquals(length / 32, read);
    }

    @Test
    void theScaleIsTheSplitBytesOverTheBytesRead() {
        InputSample s = new InputSample(4, 10, 1.0 / 8);
        assertEquals(1.0, s.scale(), "nothing read yet");
        s.record(1_000, 8_000);
        s.record(3_000, 8_000);
        assertEquals(4.0, s.scale(), 1e-9);
        InputSample whole = new InputSample(4, 10, 1.0 / 8);
        whole.record(8_000, 8_000);
        // A reader may read past its end to finish a record: never more than the split counts.
        whole.record(9_000, 8_000);
        assertEquals(1.0, whole.scale(), 1e-9);
    }

    @Test
    void badSettingsAndCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InputSample(0, 10, 1.0 / 8));
        assertThrows(IllegalArgumentException.class, () -> new InputSample(4, 0, 1.0 / 8));
        assertThrows(IllegalArgumentException.class, () -> new InputSample(4, 10, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new InputSample(4, 10, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new InputSample(4, 10, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new InputSample(InputSample.FRACTION).record(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new InputSample.Stretch(0, 0));
    }
}
