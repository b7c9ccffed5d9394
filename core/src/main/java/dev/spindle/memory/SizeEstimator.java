package dev.spindle.memory;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimates how many heap bytes a value holds, for the memory budget: exact enough to decide what fits,
 * not a measurement. Strings, boxed numbers, arrays, collections and maps by their usual layout on a
 * 64-bit JVM with compressed references; other objects by walking their fields (classes of the JDK,
 * whose fields cannot be opened, count as a header and their references). Shared objects count once;
 * depth and breadth are bounded so a huge graph cannot make estimating cost more than computing.
 *
 * <p>Thread-safe.
 */
public final class SizeEstimator {
    private static final int HEADER = 16;
    private static final int REF = 4;
    private static final int MAX_OBJECTS = 10_000;
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private SizeEstimator() {
    }

    /** Elements of a large collection whose sizes stand for all of them. */
    private static final int COLLECTION_SAMPLE = 32;

    /**
     * The estimated bytes {@code value} holds, itself and what it reaches. A large collection (a group of
     * values) is estimated from a sample of its elements, so estimating stays cheap as groups grow.
     */
    public static long estimate(Object value) {
        if (value instanceof Collection<?> c && c.size() > 2 * COLLECTION_SAMPLE) {
            int n = c.size();
            int step = n / COLLECTION_SAMPLE;
            long sampled = 0;
            int taken = 0;
            int i = 0;
            if (c instanceof List<?> list && c instanceof java.util.RandomAccess) {
                for (; taken < COLLECTION_SAMPLE; taken++) {
                    sampled += estimate(list.get(taken * step));
                }
            } else {
                for (Object o : c) {
                    if (i++ % step == 0 && taken < COLLECTION_SAMPLE) {
                        sampled += estimate(o);
                        taken++;
                    }
                }
            }
            return 48 + 16L * n + n * (sampled / Math.max(1, taken));
        }
        long leaf = leafSize(value);
        return leaf >= 0 ? leaf : new Walk().size(value);
    }

    /**
     * The bytes of a value that references nothing further (null, a string, a boxed primitive, an array of
     * primitives), or -1 for any other. Combines estimate such keys and values many times a second: they
     * skip the walk and its identity map.
     */
    private static long leafSize(Object o) {
        if (o == null) {
            return 0;
        }
        if (o instanceof String s) {
            // The String object and its byte[] (Latin-1 when it can be: one byte per char).
            return align(HEADER + 8) + align(HEADER + (long) s.length() * (isLatin1(s) ? 1 : 2));
        }
        if (o instanceof Long || o instanceof Double) {
            return 24;
        }
        if (o instanceof Integer || o instanceof Short || o instanceof Byte || o instanceof Float
                || o instanceof Boolean || o instanceof Character) {
            return 16;
        }
        // Other Numbers (BigInteger, a user's own) may reference more: they are walked.
        Class<?> c = o.getClass();
        if (c.isArray() && c.getComponentType().isPrimitive()) {
            return align(HEADER + (long) Array.getLength(o) * primitiveBytes(c.getComponentType()));
        }
        return -1;
    }

    private static final class Walk {
        private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();

        long size(Object root) {
            long total = 0;
            List<Object> todo = new ArrayList<>();
            todo.add(root);
            while (!todo.isEmpty()) {
                Object o = todo.remove(todo.size() - 1);
                if (o == null || seen.put(o, Boolean.TRUE) != null) {
                    continue;
                }
                if (seen.size() > MAX_OBJECTS) {
                    // Past the bound, the rest is guessed as the average so far.
                    total += (total / seen.size()) * todo.size();
                    break;
                }
                total += shallow(o, todo);
            }
            return total;
        }

        /** The object's own bytes; what it references goes to {@code todo}. */
        private long shallow(Object o, List<Object> todo) {
            long leaf = leafSize(o);
            if (leaf >= 0) {
                return leaf;
            }
            Class<?> c = o.getClass();
            if (c.isArray()) {
                int n = Array.getLength(o);
                for (int i = 0; i < n; i++) {
                    todo.add(Array.get(o, i));
                }
                return align(HEADER + (long) n * REF);
            }
            if (o instanceof Collection<?> coll) {
                todo.addAll(coll);
                // The collection, its backing array or nodes: about 16 bytes per element beyond the element.
                return 48 + 16L * coll.size();
            }
            if (o instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    todo.add(e.getKey());
                    todo.add(e.getValue());
                }
                return 64 + 40L * map.size();
            }
            long bytes = HEADER;
            for (Field f : fields(c)) {
                Class<?> t = f.getType();
                if (t.isPrimitive()) {
                    bytes += primitiveBytes(t);
                } else {
                    bytes += REF;
                    try {
                        todo.add(f.get(o));
                    } catch (IllegalAccessException e) {
                        // Counted as a reference only.
                    }
                }
            }
            return align(bytes);
        }
    }

    /**
     * The instance fields of {@code c} and its superclasses; references of classes that cannot be opened
     * (the JDK's) stay inaccessible, so they are counted but not followed.
     */
    private static List<Field> fields(Class<?> c) {
        return FIELDS.computeIfAbsent(c, k -> {
            List<Field> out = new ArrayList<>();
            for (Class<?> cur = k; cur != null && cur != Object.class; cur = cur.getSuperclass()) {
                for (Field f : cur.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    if (!f.getType().isPrimitive()) {
                        try {
                            f.setAccessible(true);
                        } catch (RuntimeException e) {
                            // Not opened to us: f.get fails and the reference is only counted.
                        }
                    }
                    out.add(f);
                }
            }
            return out;
        });
    }

    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static int primitiveBytes(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        return 1;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
