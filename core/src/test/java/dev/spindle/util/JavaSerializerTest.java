package dev.spindle.util;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaSerializerTest {
    private static Object roundTrip(Object value) throws Exception {
        return JavaSerializer.deserialize(JavaSerializer.serialize(value), JavaSerializerTest.class.getClassLoader());
    }

    @Test
    void plainValuesRoundTripWithoutAJavaStream() throws Exception {
        List<Object> values = Arrays.asList(null, 0L, Long.MIN_VALUE, -7, Integer.MAX_VALUE, 2.5, Double.NaN,
                true, false, "", "wörds ✓");
        for (Object v : values) {
            assertEquals(v, roundTrip(v));
            byte[] bytes = JavaSerializer.serialize(v);
            assertTrue(bytes[0] != (byte) 0xAC, "no Java stream for " + v);
        }
        assertEquals(9, JavaSerializer.serialize(42L).length);
    }

    @Test
    void everythingElseIsJavaSerialized() throws Exception {
        List<Integer> list = new ArrayList<>(List.of(1, 2, 3));
        assertEquals(list, roundTrip(list));
        assertEquals((byte) 0xAC, JavaSerializer.serialize(list)[0]);
        assertEquals(new java.math.BigDecimal("1.5"), roundTrip(new java.math.BigDecimal("1.5")));
    }

    @Test
    void cutOrUnknownBytesAreRefusedNotMisread() {
        byte[] cut = Arrays.copyOf(JavaSerializer.serialize(42L), 5);
        assertThrows(IOException.class, () -> JavaSerializer.deserialize(cut, null));
        assertThrows(IOException.class, () -> JavaSerializer.deserialize(new byte[]{99}, null));
    }

    @Test
    void whatCannotBeSerializedIsNamed() {
        Object unserializable = new Object();
        JavaSerializer.NotSerializable e = assertThrows(JavaSerializer.NotSerializable.class,
                () -> JavaSerializer.serialize(List.of(unserializable)));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }
}
