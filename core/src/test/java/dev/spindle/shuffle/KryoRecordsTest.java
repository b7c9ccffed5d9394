package dev.spindle.shuffle;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records of user types written with Kryo (spindle.serializer=kryo) instead of Java serialization. */
class KryoRecordsTest {
    /** Not Serializable, no no-argument constructor: Java serialization cannot write it, Kryo can. */
    record Point(long x, long y, String label) {
    }

    /** A mutable class with a reference back to itself, and a map. */
    static final class Node {
        final String name;
        Node self;
        final Map<String, Integer> weights = new HashMap<>();

        Node(String name) {
            this.name = name;
        }
    }

    /** Serializable, to compare the sizes of the two forms. */
    record Reading(long time, double value, String sensor) implements Serializable {
    }

    @AfterEach
    void backToJava() {
        RecordWriter.useKryo(null, false);
    }

    private static byte[] write(Object... values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordWriter w = new RecordWriter(out);
        for (Object v : values) {
            w.write(v);
        }
        w.flush();
        return out.toByteArray();
    }

    private static List<Object> read(byte[] bytes) throws IOException {
        RecordReader r = new RecordReader(new ByteArrayInputStream(bytes), KryoRecordsTest.class.getClassLoader());
        Object end = new Object();
        List<Object> out = new ArrayList<>();
        for (Object o = r.readOrEnd(end); o != end; o = r.readOrEnd(end)) {
            out.add(o);
        }
        return out;
    }

    @Test
    void typesJavaSerializationCannotWriteRoundTrip() throws Exception {
        RecordWriter.useKryo(List.of(), false);
        Node n = new Node("n1");
        n.self = n;
        n.weights.put("a", 1);
        List<Object> back = read(write(new Point(1, -2, "p"), n, "plain", dev.spindle.Optional.of(7),
                dev.spindle.Optional.empty()));
        assertEquals(new Point(1, -2, "p"), back.get(0));
        Node m = (Node) back.get(1);
        assertEquals("n1", m.name);
        assertSame(m, m.self, "the reference back to itself survives");
        assertEquals(Map.of("a", 1), m.weights);
        assertEquals("plain", back.get(2));
        assertEquals(dev.spindle.Optional.of(7), back.get(3));
        assertEquals(dev.spindle.Optional.empty(), back.get(4));
        RecordWriter.useKryo(null, false);
        assertThrows(RuntimeException.class, () -> write(new Point(1, 2, "java cannot")));
    }

    @Test
    void kryoRecordsAreSmallerAndRegistrationShrinksThemFurther() throws Exception {
        List<Object> readings = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            readings.add(new Reading(i, i / 3.0, "sensor-" + (i % 7)));
        }
        int java = write(readings.toArray()).length;
        RecordWriter.useKryo(List.of(), false);
        byte[] kryo = write(readings.toArray());
        RecordWriter.useKryo(List.of(Reading.class.getName()), true);
        byte[] registered = write(readings.toArray());
        // Unregistered, each record still names its class; registered, a number stands for it.
        assertTrue(kryo.length * 2 < java, "Kryo " + kryo.length + " bytes against Java serialization's " + java);
        assertTrue(registered.length * 2 < kryo.length, "registered " + registered.length + " against " + kryo.length);
        assertEquals(readings, read(registered));
    }

    @Test
    void anUnregisteredClassFailsWhenRegistrationIsRequired() {
        RecordWriter.useKryo(List.of(Reading.class.getName()), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> write(new Point(1, 2, "unregistered")));
        assertTrue(e.getMessage().contains("Point") && e.getMessage().contains("spindle.kryo.classesToRegister"),
                e.getMessage());
        RecordWriter.useKryo(List.of("no.such.Clazz"), false);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> write(new Point(1, 2, "x")));
        assertTrue(missing.getMessage().contains("no.such.Clazz"), missing.getMessage());
    }
}
