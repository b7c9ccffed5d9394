package dev.spindle.task;

import dev.spindle.shuffle.MapStatus;

import java.util.List;
import java.util.Map;

/**
 * What a running task knows about itself and the process it runs in.
 *
 * @param shuffleInputs for each shuffle this task's stage reads, where every map task's output lies
 * @param resources     what is closed when the task ends
 * @param inputSample   set when the task only samples its input (a sort's bounds): file inputs read part of
 *                      large splits and say how much there; null when it computes partitions whole
 */
public record TaskContext(long taskId, int attempt, int jobId, int stageId, int partition, String executorId,
                          TaskEnv env, Map<Integer, List<MapStatus>> shuffleInputs, MetricsCounter metrics,
                          dev.spindle.memory.TaskMemory memory, TaskResources resources, InputSample inputSample) {
    public TaskContext(long taskId, int attempt, int jobId, int stageId, int partition, String executorId, TaskEnv env,
                       Map<Integer, List<MapStatus>> shuffleInputs, MetricsCounter metrics,
                       dev.spindle.memory.TaskMemory memory, TaskResources resources) {
        this(taskId, attempt, jobId, stageId, partition, executorId, env, shuffleInputs, metrics, memory, resources,
                null);
    }

    public TaskContext(long taskId, int attempt, int jobId, int stageId, int partition, String executorId, TaskEnv env,
                       Map<Integer, List<MapStatus>> shuffleInputs) {
        this(taskId, attempt, jobId, stageId, partition, executorId, env, shuffleInputs, new MetricsCounter(),
                new dev.spindle.memory.TaskMemory(env.memory()), new TaskResources());
    }

    /** This task, sampling its input into {@code sample} (null: computing partitions whole). */
    public TaskContext withInputSample(InputSample sample) {
        return new TaskContext(taskId, attempt, jobId, stageId, partition, executorId, env, shuffleInputs, metrics,
                memory, resources, sample);
    }
}
