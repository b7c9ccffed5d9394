package dev.spindle.shuffle;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyingInputStreamTest {
    private static final byte[] DATA = "the records of one reduce partition".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static long crc(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return c.getValue();
    }

    private static InputStream verified(byte[] bytes, long length, long checksum) {
        return new java.io.BufferedInputStream(new VerifyingInputStream(new ByteArrayInputStream(bytes), length,
                checksum, "partition 0 of map output m of shuffle 1"), 8);
    }

    @Test
    void theWritersBytesPassUnchanged() throws IOException {
        assertArrayEquals(DATA, verified(DATA, DATA.length, crc(DATA)).readAllBytes());
    }

    @Test
    void aFlippedBitIsCaughtAtTheEnd() {
        byte[] damaged = DATA.clone();
        damaged[7] ^= 0x10;
        IOException e = assertThrows(IOException.class, () -> verified(damaged, DATA.length, crc(DATA)).readAllBytes());
        assertTrue(e.getMessage().startsWith("partition 0 of map output m of shuffle 1 is damaged: its CRC32C is"),
                e.getMessage());
    }

    @Test
    void aShortSegmentIsCaught() {
        byte[] shorter = java.util.Arrays.copyOf(DATA, DATA.length - 3);
        IOException e = assertThrows(IOException.class, () -> verified(shorter, DATA.length, crc(DATA)).readAllBytes());
        assertTrue(e.getMessage().contains("is truncated: " + shorter.length + " of " + DATA.length + " bytes"),
                e.getMessage());
    }

    @Test
    void byteByByteReadsAreCheckedToo() throws IOException {
        InputStream in = new VerifyingInputStream(new ByteArrayInputStream(DATA), DATA.length, crc(DATA) + 1, "x");
        for (int i = 0; i < DATA.length; i++) {
            in.read();
        }
        assertThrows(IOException.class, in::read);
    }
}
