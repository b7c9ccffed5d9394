package dev.spindle;

import dev.spindle.spi.AccumulatorState;
import dev.spindle.spi.TaskScope;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * What {@link LongAccumulator} and {@link DoubleAccumulator} share: an id and name that travel with
 * tasks, and a state that does not. A deserialized copy in a task starts at zero and registers with
 * the task, so the task runner reports what the task added; the driver merges it once, for the
 * attempt whose result it takes.
 */
abstract class AccumulatorBase implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String name;
    private transient AccumulatorState state;

    AccumulatorBase(AccumulatorState state) {
        this.id = state.id();
        this.name = state.name();
        this.state = state;
    }

    final AccumulatorState state() {
        return state;
    }

    /** How many values were added. */
    public final long count() {
        return state.count();
    }

    public final String name() {
        return name;
    }

    public final long id() {
        return id;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        TaskScope task = TaskScope.current();
        state = task != null ? task.accumulator(id, name) : new AccumulatorState(id, name);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + (name.isEmpty() ? "id " + id : name) + ": " + count() + " values)";
    }
}
