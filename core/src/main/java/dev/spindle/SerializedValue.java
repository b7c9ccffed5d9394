package dev.spindle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * A value kept as its serialized bytes so that every use gets a fresh copy: the zero value of a fold or
 * an aggregation, which user code may mutate, copied once per partition or per key as Spark does.
 */
final class SerializedValue<T> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;

    SerializedValue(T value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(out)) {
                o.writeObject(value);
            }
            this.bytes = out.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("the zero value cannot be serialized: " + e, e);
        }
    }

    /** A new copy, its classes resolved through the thread's context class loader (the job's, in a task). */
    T copy() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return copy(context != null ? context : SerializedValue.class.getClassLoader());
    }

    /** A new copy, its classes resolved through {@code loader} first. */
    @SuppressWarnings("unchecked")
    T copy(ClassLoader loader) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
        }) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("the zero value cannot be copied: " + e, e);
        }
    }
}
