package dev.spindle.am;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The allocator's outstanding asks, in the order they were placed and by where they may be met, so
 * that matching a container to an ask, withdrawing the last placed and widening one each cost the
 * same with 5,000 asks as with 5 (a list scanned per container made each heartbeat's work grow with
 * the square of the cluster).
 *
 * <p>Not thread-safe: owned by the ApplicationMaster's event thread, as the allocator is.
 */
final class OutstandingAsks {
    /**
     * An outstanding ask: its handle, where it may be met, when it was made (or last widened), its place
     * in the order, and where it was first placed (before any widening).
     */
    record Ask(Object handle, AskLocation where, long since, long seq, AskLocation origin) {
    }

    private final TreeMap<Long, Ask> bySeq = new TreeMap<>();
    private final Map<AskLocation, LinkedHashMap<Long, Ask>> byWhere = new HashMap<>();
    private long nextSeq;

    /** Adds an ask after all others. */
    Ask add(Object handle, AskLocation where, long since) {
        return put(new Ask(handle, where, since, nextSeq++, where));
    }

    /** Puts back an ask taken out by {@link #clear}, as it was. */
    void restore(Ask a) {
        put(a);
    }

    /** Puts {@code handle} at {@code where} in {@code old}'s place in the order. */
    Ask replace(Ask old, Object handle, AskLocation where, long since) {
        remove(old);
        return put(new Ask(handle, where, since, old.seq(), old.origin()));
    }

    private Ask put(Ask a) {
        bySeq.put(a.seq(), a);
        byWhere.computeIfAbsent(a.where(), w -> new LinkedHashMap<>()).put(a.seq(), a);
        return a;
    }

    boolean remove(Ask a) {
        if (bySeq.remove(a.seq()) == null) {
            return false;
        }
        LinkedHashMap<Long, Ask> at = byWhere.get(a.where());
        at.remove(a.seq());
        if (at.isEmpty()) {
            byWhere.remove(a.where());
        }
        return true;
    }

    /** The first placed of the asks at exactly {@code where}, or null. */
    Ask firstAt(AskLocation where) {
        LinkedHashMap<Long, Ask> at = byWhere.get(where);
        return at == null ? null : at.values().iterator().next();
    }

    /** The last placed ask, or null. */
    Ask last() {
        Map.Entry<Long, Ask> e = bySeq.lastEntry();
        return e == null ? null : e.getValue();
    }

    /** All asks in the order they were placed (a copy: callers may change these asks while going through it). */
    List<Ask> inOrder() {
        return new ArrayList<>(bySeq.values());
    }

    /** Forgets every ask and returns them, in order. */
    List<Ask> clear() {
        List<Ask> all = inOrder();
        bySeq.clear();
        byWhere.clear();
        return all;
    }

    int size() {
        return bySeq.size();
    }

    boolean isEmpty() {
        return bySeq.isEmpty();
    }
}
