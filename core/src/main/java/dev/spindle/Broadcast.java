package dev.spindle;

import dev.spindle.spi.Engine;
import dev.spindle.spi.TaskScope;

import java.io.Serializable;

/**
 * A read-only value shipped to each executor once, not with every task, as Spark's broadcast
 * variables: a lookup table, a model, a stop-word list. Create it with {@link SpindleContext#broadcast}
 * and call {@link #value()} in functions; only the broadcast's id travels with the tasks. An executor
 * fetches the value from the driver the first time one of its tasks asks and shares it among its
 * tasks, so treat it as immutable.
 *
 * @param <T> the value's type
 */
public final class Broadcast<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long id;
    private transient volatile T value;
    private transient volatile boolean fetched;
    /** Set on the driver only. */
    private final transient Engine engine;
    private transient volatile boolean destroyed;

    Broadcast(long id, T value, Engine engine) {
        this.id = id;
        this.value = value;
        this.fetched = true;
        this.engine = engine;
    }

    public long id() {
        return id;
    }

    /**
     * The value: on the driver the one given; in a task the executor's copy, fetched on first use.
     *
     * @throws IllegalStateException if the broadcast was destroyed
     */
    @SuppressWarnings("unchecked")
    public T value() {
        if (destroyed) {
            throw new IllegalStateException("broadcast " + id + " was destroyed; it cannot be used any more");
        }
        if (!fetched) {
            TaskScope task = TaskScope.current();
            if (task == null) {
                throw new IllegalStateException("broadcast " + id + " can be read on the driver that created it"
                        + " or in its tasks, not here");
            }
            value = (T) task.broadcast(id);
            fetched = true;
        }
        return value;
    }

    /** Executors drop their copies; a later task fetches the value again. Only on the driver. */
    public void unpersist() {
        driver().unpersistBroadcast(id);
    }

    /** Frees the value everywhere; using the broadcast afterwards fails. Only on the driver. */
    public void destroy() {
        destroyed = true;
        value = null;
        driver().destroyBroadcast(id);
    }

    private Engine driver() {
        if (engine == null) {
            throw new IllegalStateException("broadcast " + id + " can only be released on the driver");
        }
        return engine;
    }

    @Override
    public String toString() {
        return "Broadcast(" + id + ")";
    }
}
