package dev.spindle.status;

import dev.spindle.util.Json;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event log's format: one JSON object per line, {@code {"event":"StageSubmitted", ...its fields}},
 * the {@link StatusEvent}s in the order the driver saw them. A history server replays a log into a
 * {@link StatusStore} and shows the same pages the live driver did.
 */
public final class EventLog {
    private static final Map<String, Class<? extends StatusEvent>> TYPES = new HashMap<>();

    static {
        for (Class<?> c : StatusEvent.class.getPermittedSubclasses()) {
            TYPES.put(c.getSimpleName(), c.asSubclass(StatusEvent.class));
        }
    }

    private EventLog() {
    }

    public static String line(StatusEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event.getClass().getSimpleName());
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(event));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + event, e);
            }
        }
        return Json.write(m);
    }

    /**
     * The event of one line.
     *
     * @throws IllegalArgumentException for a line that is not an event of this format (a cut last line of a
     *                                  log whose driver died, a log of a newer Spindle)
     */
    public static StatusEvent parse(String line) {
        Object parsed = Json.parse(line);
        if (!(parsed instanceof Map<?, ?> m) || !(m.get("event") instanceof String name) || !TYPES.containsKey(name)) {
            throw new IllegalArgumentException("not a Spindle event: " + (line.length() > 80 ? line.substring(0, 80)
                    + "…" : line));
        }
        Class<? extends StatusEvent> type = TYPES.get(name);
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = convert(m.get(components[i].getName()), types[i]);
        }
        try {
            Constructor<? extends StatusEvent> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make a " + name + " of " + line + ": " + e, e);
        }
    }

    private static Object convert(Object v, Class<?> type) {
        if (type == int.class) {
            return v instanceof Number n ? n.intValue() : 0;
        }
        if (type == long.class) {
            return v instanceof Number n ? n.longValue() : 0L;
        }
        if (type == boolean.class) {
            return Boolean.TRUE.equals(v);
        }
        if (type == Map.class) {
            Map<String, String> out = new LinkedHashMap<>();
            if (v instanceof Map<?, ?> m) {
                m.forEach((k, val) -> out.put(String.valueOf(k), val == null ? null : String.valueOf(val)));
            }
            return out;
        }
        if (type == List.class) {
            return v instanceof List<?> l ? l : List.of();
        }
        return v == null ? null : String.valueOf(v);
    }
}
