package dev.spindle.shuffle;

import dev.spindle.Pair;
import dev.spindle.util.JavaSerializer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link RecordWriter} wrote. User classes in the Java-serialized fallback resolve through
 * the given class loader. It reads the stream in blocks into its own buffer (so it may read ahead to
 * the stream's end: give it a stream of records only) rather than a byte per call.
 *
 * <p>Not thread-safe.
 */
public final class RecordReader {
    private final InputStream in;
    private final ClassLoader loader;
    private byte[] scratch = new byte[64];
    private final byte[] buf;
    private int pos;
    private int limit;

    public RecordReader(InputStream in, ClassLoader loader) {
        this(in, loader, 8 * 1024);
    }

    /** @param bufferBytes how much is read from {@code in} at once: the stream needs no buffer of its own */
    public RecordReader(InputStream in, ClassLoader loader, int bufferBytes) {
        if (bufferBytes < 16) {
            throw new IllegalArgumentException("a record reader's buffer needs 16 bytes at least, not " + bufferBytes);
        }
        this.in = in;
        this.loader = loader;
        this.buf = new byte[bufferBytes];
    }

    /** Reads the next value. */
    public Object read() throws IOException {
        int tag = next();
        if (tag < 0) {
            throw new EOFException("end of records");
        }
        return readTagged(tag);
    }

    /** Reads the next value, or returns {@code endMarker} at a clean end of stream. */
    public Object readOrEnd(Object endMarker) throws IOException {
        int tag = next();
        return tag < 0 ? endMarker : readTagged(tag);
    }

    private Object readTagged(int tag) throws IOException {
        switch (tag) {
            case RecordWriter.NULL:
                return null;
            case RecordWriter.STRING: {
                int n = (int) readVarLong();
                if (n <= limit - pos) {
                    // Decoded where it lies in the buffer: most strings never cross a refill.
                    String str = new String(buf, pos, n, StandardCharsets.UTF_8);
                    pos += n;
                    return str;
                }
                byte[] b = fill(n);
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            case RecordWriter.INT:
                return (int) unZigZag(readVarLong());
            case RecordWriter.LONG:
                return unZigZag(readVarLong());
            case RecordWriter.DOUBLE: {
                long bits = 0;
                for (int i = 0; i < 8; i++) {
                    bits = (bits << 8) | readByte();
                }
                return Double.longBitsToDouble(bits);
            }
            case RecordWriter.TRUE:
                return Boolean.TRUE;
            case RecordWriter.FALSE:
                return Boolean.FALSE;
            case RecordWriter.BYTES: {
                byte[] b = new byte[(int) readVarLong()];
                readFully(b, b.length);
                return b;
            }
            case RecordWriter.PAIR:
                return new Pair<>(read(), read());
            case RecordWriter.LIST: {
                int n = (int) readVarLong();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read());
                }
                return list;
            }
            case RecordWriter.JAVA: {
                byte[] b = new byte[(int) readVarLong()];
                readFully(b, b.length);
                try {
                    return JavaSerializer.deserialize(b, loader);
                } catch (ClassNotFoundException e) {
                    throw new IOException("cannot read a record: " + e.getMessage(), e);
                }
            }
            case RecordWriter.KRYO: {
                byte[] b = new byte[(int) readVarLong()];
                readFully(b, b.length);
                try {
                    return RecordWriter.kryoForReading().decode(b, loader);
                } catch (RuntimeException e) {
                    throw new IOException("cannot read a record written with Kryo: " + e.getMessage(), e);
                }
            }
            default:
                throw new IOException("corrupt record stream: unknown tag " + tag);
        }
    }

    private byte[] fill(int n) throws IOException {
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        readFully(scratch, n);
        return scratch;
    }

    /** The next byte, or -1 at the end of the stream. */
    private int next() throws IOException {
        if (pos == limit && !refill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    private boolean refill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private void readFully(byte[] b, int n) throws IOException {
        int off = 0;
        while (off < n) {
            if (pos == limit && !refill()) {
                throw new EOFException("record cut short");
            }
            int take = Math.min(n - off, limit - pos);
            System.arraycopy(buf, pos, b, off, take);
            pos += take;
            off += take;
        }
    }

    private int readByte() throws IOException {
        int b = next();
        if (b < 0) {
            throw new EOFException("record cut short");
        }
        return b;
    }

    private long readVarLong() throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("corrupt record stream: varint too long");
    }

    private static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
