package dev.spindle.task;

import dev.spindle.shuffle.MapStatus;

import java.util.List;
import java.util.Map;

/**
 * What a running task knows about itself and the process it runs in.
 *
 * @param shuffleInputs for each shuffle this task's stage reads, where every map task's output lies
 * @param resources     what is closed when the task ends
 */
public record TaskContext(long taskId, int attempt, int jobId, int stageId, int partition, String executorId,
                          TaskEnv env, Map<Integer, List<MapStatus>> shuffleInputs, MetricsCounter metrics,
                          dev.spindle.memory.TaskMemory memory, TaskResources resources) {
    public TaskContext(long taskId, int attempt, int jobId, int stageId, int partition, String executorId, TaskEnv env,
                       Map<Integer, List<MapStatus>> shuffleInputs) {
        this(taskId, attempt, jobId, stageId, partition, executorId, env, shuffleInputs, new MetricsCounter(),
                new dev.spindle.memory.TaskMemory(env.memory()), new TaskResources());
    }
}
