package dev.spindle.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * What the public API can reach of the task running on this thread: the accumulators its closure
 * brought (each deserialized copy starts at zero and registers here, so the task runner can report
 * what the task added) and the executor's broadcast values. Entered by the task runner around one
 * task; null outside a task (on the driver).
 *
 * <p>Confined to the task's thread, except {@link #broadcast}, whose source is the executor's.
 */
public final class TaskScope {
    private static final ThreadLocal<TaskScope> CURRENT = new ThreadLocal<>();

    private final LongFunction<Object> broadcasts;
    private final Map<Long, AccumulatorState> accumulators = new LinkedHashMap<>();

    /** @param broadcasts a broadcast's value by id, fetched once per process and shared by its tasks */
    public TaskScope(LongFunction<Object> broadcasts) {
        this.broadcasts = broadcasts;
    }

    /** The scope of the task running on this thread, or null when none runs here. */
    public static TaskScope current() {
        return CURRENT.get();
    }

    /** Makes this the current thread's scope until {@link #exit()}. */
    public void enter() {
        CURRENT.set(this);
    }

    public void exit() {
        CURRENT.remove();
    }

    /** This task's state of accumulator {@code id}, created at zero when first asked for. */
    public AccumulatorState accumulator(long id, String name) {
        return accumulators.computeIfAbsent(id, k -> new AccumulatorState(id, name));
    }

    /** The accumulators this task brought, in the order it first touched them. */
    public List<AccumulatorState> accumulators() {
        return new ArrayList<>(accumulators.values());
    }

    /** The value of broadcast {@code id}. */
    public Object broadcast(long id) {
        return broadcasts.apply(id);
    }
}
