package dev.spindle.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FixedLengthRecordReaderTest {

    private static List<byte[]> read(Path file, long start, long end, int recordLength) throws IOException {
        return read(file, start, end, recordLength, Files.size(file), FixedLengthRecordReader.BUFFER_BYTES);
    }

    private static List<byte[]> read(Path file, long start, long end, int recordLength, long fileLength,
                                     int bufferBytes) throws IOException {
        List<byte[]> out = new ArrayList<>();
        FileSplit split = new FileSplit("file://" + file, start, end - start, List.of());
        try (FixedLengthRecordReader r = FixedLengthRecordReader.open(split, recordLength, fileLength,
                new Configuration(), bufferBytes)) {
            for (byte[] rec; (rec = r.next()) != null; ) {
                out.add(rec);
            }
        }
        return out;
    }

    @Test
    void everySplitPointGivesEveryRecordOnce(@TempDir Path dir) throws IOException {
        int recordLength = 10;
        byte[] data = new byte[recordLength * 25];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i / recordLength);
        }
        Path file = Files.write(dir.resolve("records.bin"), data);
        for (int s = 0; s <= data.length; s++) {
            List<byte[]> records = new ArrayList<>(read(file, 0, s, recordLength));
            records.addAll(read(file, s, data.length, recordLength));
            assertEquals(25, records.size(), "split at " + s);
            for (int r = 0; r < 25; r++) {
                byte[] expected = new byte[recordLength];
                Arrays.fill(expected, (byte) r);
                assertArrayEquals(expected, records.get(r));
            }
        }
    }

    @Test
    void recordsCutFromSmallBuffersAreWholeAndInOrder(@TempDir Path dir) throws IOException {
        int recordLength = 10;
        byte[] data = new byte[recordLength * 25];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Path file = Files.write(dir.resolve("records.bin"), data);
        // Buffers of one record, of two (25 bytes rounds down to 20) and of more than the file.
        for (int bufferBytes : new int[]{1, 25, 1000}) {
            for (int s = 0; s <= data.length; s += 7) {
                List<byte[]> records = new ArrayList<>(read(file, 0, s, recordLength, data.length, bufferBytes));
                records.addAll(read(file, s, data.length, recordLength, data.length, bufferBytes));
                assertEquals(25, records.size(), "buffer " + bufferBytes + ", split at " + s);
                for (int r = 0; r < 25; r++) {
                    assertArrayEquals(Arrays.copyOfRange(data, r * recordLength, (r + 1) * recordLength),
                            records.get(r), "buffer " + bufferBytes + ", record " + r);
                }
            }
        }
    }

    @Test
    void aFileCutShortAfterItWasListedIsReportedAtTheRecordThatIsMissing(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("shrunk.bin"), new byte[55]);
        InputException e = assertThrows(InputException.class, () -> read(file, 0, 100, 10, 100, 20));
        assertEquals("record at byte 50 is cut short", e.getMessage());
    }

    @Test
    void aTornFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("torn.bin"), new byte[25]);
        InputException e = assertThrows(InputException.class, () -> read(file, 0, 25, 10));
        assertEquals(("file://" + file) + " is 25 bytes long, not a whole number of 10-byte records", e.getMessage());
    }

    @Test
    void recordBoundaries() {
        assertEquals(0, FixedLengthRecordReader.firstRecordAtOrAfter(0, 100));
        assertEquals(100, FixedLengthRecordReader.firstRecordAtOrAfter(1, 100));
        assertEquals(100, FixedLengthRecordReader.firstRecordAtOrAfter(100, 100));
    }
}
