package dev.spindle.shuffle;

import dev.spindle.Pair;
import dev.spindle.util.JavaSerializer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes values in Spindle's compact record format: a one-byte tag, then the value. Strings, numbers,
 * booleans, byte arrays, {@link Pair}s and lists have compact forms (lengths as unsigned varints,
 * numbers as zig-zag varints, doubles as 8 bytes); any other value is written with Kryo when the
 * process is configured for it ({@link #useKryo}), else with Java serialization, each under its own tag. The format is self-delimiting, so records follow each other
 * without framing. Read back with {@link RecordReader}.
 *
 * <p>Bytes are gathered in the writer's own buffer and handed to the stream in blocks: a stream's
 * {@code write(int)} per byte (a lock in {@code BufferedOutputStream}) cost more than the encoding.
 * {@link #flush} hands over what is buffered; call it before the stream is closed.
 *
 * <p>Not thread-safe.
 */
public final class RecordWriter {
    static final byte NULL = 0;
    static final byte STRING = 1;
    static final byte INT = 2;
    static final byte LONG = 3;
    static final byte DOUBLE = 4;
    static final byte TRUE = 5;
    static final byte FALSE = 6;
    static final byte BYTES = 7;
    static final byte PAIR = 8;
    static final byte LIST = 9;
    static final byte KRYO = 126;
    static final byte JAVA = 127;

    /** How this process writes values of other types: Java serialization unless configured for Kryo. */
    private static volatile KryoCodec kryo;

    /**
     * Writes values of types without a compact form with Kryo from now on ({@code spindle.serializer=kryo}),
     * or with Java serialization ({@code codecClasses == null}); set once when an executor starts.
     */
    public static void useKryo(java.util.List<String> classesToRegister, boolean registrationRequired) {
        kryo = classesToRegister == null ? null : new KryoCodec(classesToRegister, registrationRequired);
    }

    /** The Kryo codec readers use for Kryo-written values, configured or not (the writer decided). */
    static KryoCodec kryoForReading() {
        KryoCodec k = kryo;
        return k != null ? k : DEFAULT_KRYO;
    }

    private static final KryoCodec DEFAULT_KRYO = new KryoCodec(java.util.List.of(), false);

    private static final int BUFFER = 8 * 1024;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    /** Bytes handed to the stream so far; {@link #written} adds what is still buffered. */
    private long flushed;

    public RecordWriter(OutputStream out) {
        this.out = out;
    }

    /** Hands the buffered bytes to the stream (without flushing the stream itself). */
    public void flush() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            flushed += pos;
            pos = 0;
        }
    }

    /** Bytes written so far. */
    public long written() {
        return flushed + pos;
    }

    public void write(Object value) throws IOException {
        if (value == null) {
            tag(NULL);
        } else if (value instanceof String s) {
            writeString(s);
        } else if (value instanceof Integer i) {
            tagAndVarLong(INT, zigZag(i));
        } else if (value instanceof Long l) {
            tagAndVarLong(LONG, zigZag(l));
        } else if (value instanceof Double d) {
            tag(DOUBLE);
            long bits = Double.doubleToRawLongBits(d);
            for (int shift = 56; shift >= 0; shift -= 8) {
                byte1((int) (bits >>> shift));
            }
        } else if (value instanceof Boolean b) {
            tag(b ? TRUE : FALSE);
        } else if (value instanceof byte[] b) {
            tag(BYTES);
            writeVarLong(b.length);
            bytes(b, 0, b.length);
        } else if (value instanceof Pair<?, ?> p) {
            tag(PAIR);
            write(p.key());
            write(p.value());
        } else if (value instanceof List<?> list) {
            tag(LIST);
            writeVarLong(list.size());
            for (Object o : list) {
                write(o);
            }
        } else {
            KryoCodec k = kryo;
            byte[] b;
            if (k != null) {
                tag(KRYO);
                b = k.encode(value, Thread.currentThread().getContextClassLoader());
            } else {
                tag(JAVA);
                b = JavaSerializer.serialize(value);
            }
            writeVarLong(b.length);
            bytes(b, 0, b.length);
        }
    }

    /** The tag, then the string. */
    private void writeString(String s) throws IOException {
        int n = s.length();
        if (n <= BUFFER / 2) {
            // Most strings are ASCII: encode those straight into the buffer, after their tag and length.
            if (pos > BUFFER - 11 - n) {
                flush();
            }
            int start = pos;
            buf[pos++] = STRING;
            putVarLong(n);
            byte[] b = buf;
            int at = pos;
            int i = 0;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                b[at + i] = (byte) c;
            }
            if (i == n) {
                pos = at + n;
                return;
            }
            pos = start;
        }
        tag(STRING);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeVarLong(utf8.length);
        bytes(utf8, 0, utf8.length);
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private void writeVarLong(long v) throws IOException {
        if (pos > BUFFER - 10) {
            flush();
        }
        putVarLong(v);
    }

    /** A varint into the buffer, which has room for its 10 bytes at most. */
    private void putVarLong(long v) {
        byte[] b = buf;
        int p = pos;
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        pos = p;
    }

    /** A tag and a varint under one test for room: numbers are most of what shuffles carry. */
    private void tagAndVarLong(byte t, long v) throws IOException {
        if (pos > BUFFER - 11) {
            flush();
        }
        buf[pos++] = t;
        putVarLong(v);
    }

    private void tag(byte t) throws IOException {
        byte1(t);
    }

    private void byte1(int b) throws IOException {
        if (pos == BUFFER) {
            flush();
        }
        buf[pos++] = (byte) b;
    }

    private void bytes(byte[] b, int off, int len) throws IOException {
        if (len > BUFFER - pos) {
            flush();
            if (len > BUFFER / 2) {
                out.write(b, off, len);
                flushed += len;
                return;
            }
        }
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }
}
