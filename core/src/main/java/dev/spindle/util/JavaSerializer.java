package dev.spindle.util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;

/**
 * Java serialization for user closures and their results only; Spindle's own messages have an
 * explicit wire format. Classes resolve through a given class loader, so user classes from the
 * application jar are found on executors and in the submit process alike.
 *
 * <p>The commonest results of tiny tasks (null, a {@code Long}, {@code Integer}, {@code Double},
 * {@code Boolean} or {@code String}: counts, sums, flags) skip Java serialization: a stream and its
 * class descriptors cost more than the task itself when a job has a million of them. Their bytes
 * start with a tag that is never the first byte of a Java serialization stream ({@code 0xAC}), so
 * {@link #deserialize} tells the two apart.
 */
public final class JavaSerializer {
    private JavaSerializer() {
    }

    /**
     * @throws NotSerializable naming the class that could not be serialized
     */
    public static byte[] serialize(Object value) {
        byte[] plain = plain(value);
        if (plain != null) {
            return plain;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new NotSerializable(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Object deserialize(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        if (bytes.length > 0 && bytes[0] != STREAM_MAGIC_FIRST) {
            return fromPlain(bytes);
        }
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            return in.readObject();
        }
    }

    private static final byte STREAM_MAGIC_FIRST = (byte) 0xAC;
    private static final byte NULL = 1;
    private static final byte LONG = 2;
    private static final byte INTEGER = 3;
    private static final byte DOUBLE = 4;
    private static final byte TRUE = 5;
    private static final byte FALSE = 6;
    private static final byte STRING = 7;

    /** The tagged bytes of a value of one of the plain types, or null for any other value. */
    private static byte[] plain(Object value) {
        if (value == null) {
            return new byte[]{NULL};
        }
        Class<?> c = value.getClass();
        if (c == Long.class) {
            return java.nio.ByteBuffer.allocate(9).put(LONG).putLong((Long) value).array();
        }
        if (c == Integer.class) {
            return java.nio.ByteBuffer.allocate(5).put(INTEGER).putInt((Integer) value).array();
        }
        if (c == Double.class) {
            return java.nio.ByteBuffer.allocate(9).put(DOUBLE).putDouble((Double) value).array();
        }
        if (c == Boolean.class) {
            return new byte[]{(Boolean) value ? TRUE : FALSE};
        }
        if (c == String.class) {
            byte[] utf8 = ((String) value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] out = new byte[utf8.length + 1];
            out[0] = STRING;
            System.arraycopy(utf8, 0, out, 1, utf8.length);
            return out;
        }
        return null;
    }

    private static Object fromPlain(byte[] bytes) throws IOException {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        int expected = switch (bytes[0]) {
            case NULL, TRUE, FALSE -> 1;
            case LONG, DOUBLE -> 9;
            case INTEGER -> 5;
            case STRING -> bytes.length;
            default -> throw new IOException("not a serialized value: first byte " + bytes[0]);
        };
        if (bytes.length != expected) {
            throw new IOException("a serialized value of " + bytes.length + " bytes where " + expected + " were expected");
        }
        return switch (bytes[0]) {
            case LONG -> in.getLong();
            case INTEGER -> in.getInt();
            case DOUBLE -> in.getDouble();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> new String(bytes, 1, bytes.length - 1, java.nio.charset.StandardCharsets.UTF_8);
            default -> null;
        };
    }

    /** A closure or result captured something that cannot be serialized. */
    public static final class NotSerializable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSerializable(String className) {
            super("a function or value is not serializable: it holds a " + className
                    + " (make the captured object Serializable, or create it inside the function)");
        }
    }

    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
