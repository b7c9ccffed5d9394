package dev.spindle.task;

import java.io.Serializable;
import java.util.Iterator;

/** What a job's action does with one computed partition; its result goes back to the driver. */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {
    R apply(TaskContext context, Iterator<T> partition) throws Exception;
}
