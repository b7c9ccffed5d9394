package dev.spindle.util;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {
    record Point(String name, int x, double y, boolean on, List<Long> tags, Map<String, Integer> m, String none) {
    }

    @Test
    void recordsMapsAndListsGoOutAndComeBack() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("a\"b", 1);
        String text = Json.write(new Point("q\\ \n <x>", 3, 2.5, true, List.of(1L, 2L), m, null));
        assertEquals("{\"name\":\"q\\\\ \\n \\u003cx\\u003e\",\"x\":3,\"y\":2.5,\"on\":true,\"tags\":[1,2],"
                + "\"m\":{\"a\\\"b\":1},\"none\":null}", text);
        Map<String, Object> back = new LinkedHashMap<>();
        back.put("name", "q\\ \n <x>");
        back.put("x", 3L);
        back.put("y", 2.5);
        back.put("on", true);
        back.put("tags", List.of(1L, 2L));
        back.put("m", Map.of("a\"b", 1L));
        back.put("none", null);
        assertEquals(back, Json.parse(text));
        assertEquals(Arrays.asList(List.of(), Map.of(), -1L, 1.0e3), Json.parse(" [ [] , {} , -1 , 1e3 ] "));
    }

    @Test
    void badTextIsRefusedWithWhere() {
        assertEquals("bad JSON at offset 5: expected ':'",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"abc"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("1 2"));
    }
}
