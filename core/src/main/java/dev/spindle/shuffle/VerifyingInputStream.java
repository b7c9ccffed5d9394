package dev.spindle.shuffle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * One map output segment as it is read, local file or network stream alike: counts its bytes and
 * their CRC32C, and at its end fails unless both match what the writer recorded, so a damaged or
 * truncated block is a fetch failure (and recomputed) rather than a wrong answer. Meant to sit under
 * a buffer, where it sees bulk reads and the checksum costs little.
 *
 * <p>Not thread-safe.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final long expectedLength;
    private final long expectedChecksum;
    private final String what;
    private final CRC32C crc = new CRC32C();
    private long seen;
    private boolean verified;

    /** @param what names the segment in the sentence a mismatch gets */
    public VerifyingInputStream(InputStream in, long expectedLength, long expectedChecksum, String what) {
        super(in);
        this.expectedLength = expectedLength;
        this.expectedChecksum = expectedChecksum;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            verify();
        } else {
            crc.update(b);
            seen++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            verify();
        } else {
            crc.update(b, off, n);
            seen += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would escape the checksum: read them instead.
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(0, n))];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() throws IOException {
        if (verified) {
            return;
        }
        verified = true;
        if (seen != expectedLength) {
            throw new IOException(what + " is truncated: " + seen + " of " + expectedLength + " bytes");
        }
        if (crc.getValue() != expectedChecksum) {
            throw new IOException(what + " is damaged: its CRC32C is " + Long.toHexString(crc.getValue())
                    + ", the writer's was " + Long.toHexString(expectedChecksum));
        }
    }
}
