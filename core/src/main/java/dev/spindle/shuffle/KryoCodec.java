package dev.spindle.shuffle;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.util.List;

/**
 * Writes the records of user types with Kryo instead of Java serialization ({@code spindle.serializer=kryo}):
 * no class descriptor per record, no {@code Serializable} needed, references tracked (shared and cyclic
 * objects survive), classes without a no-argument constructor created through Objenesis, as Spark's
 * Kryo serializer does. Classes in {@code spindle.kryo.classesToRegister} are written as numbers; with
 * {@code spindle.kryo.registrationRequired} any other class fails the task that writes it.
 *
 * <p>Thread-safe: one Kryo per thread and class loader (Kryo itself is not thread-safe).
 */
final class KryoCodec {
    private final List<String> classes;
    private final boolean registrationRequired;
    // Per instance on purpose: a codec is configured once per process, and a new configuration (tests)
    // must not reuse Kryos registered for the old one.
    @SuppressWarnings("ThreadLocalUsage")
    private final ThreadLocal<State> state = new ThreadLocal<>();

    /** One thread's Kryo, for one class loader, and its buffers. */
    private static final class State {
        final ClassLoader loader;
        final Kryo kryo;
        final Output output = new Output(4096, -1);

        State(ClassLoader loader, Kryo kryo) {
            this.loader = loader;
            this.kryo = kryo;
        }
    }

    KryoCodec(List<String> classes, boolean registrationRequired) {
        this.classes = List.copyOf(classes);
        this.registrationRequired = registrationRequired;
    }

    private State state(ClassLoader loader) {
        State s = state.get();
        if (s == null || s.loader != loader) {
            s = new State(loader, newKryo(loader));
            state.set(s);
        }
        return s;
    }

    private Kryo newKryo(ClassLoader loader) {
        Kryo kryo = new Kryo();
        kryo.setClassLoader(loader);
        kryo.setReferences(true);
        kryo.setRegistrationRequired(registrationRequired);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        for (String name : classes) {
            try {
                kryo.register(Class.forName(name.trim(), false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("spindle.kryo.classesToRegister names " + name.trim()
                        + ", which is not on the job's class path", e);
            }
        }
        return kryo;
    }

    byte[] encode(Object value, ClassLoader loader) {
        State s = state(loader);
        s.output.reset();
        try {
            s.kryo.writeClassAndObject(s.output, value);
        } catch (KryoException | IllegalArgumentException e) {
            // Kryo says "Class is not registered" with an IllegalArgumentException.
            throw new IllegalArgumentException("Kryo cannot write a " + value.getClass().getName() + ": "
                    + e.getMessage().lines().findFirst().orElse("") + (registrationRequired ? " (is it in spindle.kryo.classesToRegister?)" : ""), e);
        }
        return s.output.toBytes();
    }

    Object decode(byte[] bytes, ClassLoader loader) {
        return state(loader).kryo.readClassAndObject(new Input(bytes));
    }
}
