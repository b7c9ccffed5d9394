package dev.spindle.driver;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskSchedulerTest {

    @Test
    void noExecutorsNoAssignments() {
        TaskScheduler<String> s = new TaskScheduler<>();
        s.enqueue("t0");
        assertTrue(s.assign().isEmpty());
        assertEquals(1, s.pendingCount());
    }

    @Test
    void tasksSpreadOverExecutorsAndRespectTheirCores() {
        TaskScheduler<Integer> s = new TaskScheduler<>();
        s.addExecutor("1", "h1", 1);
        s.addExecutor("2", "h2", 2);
        for (int i = 0; i < 10; i++) {
            s.enqueue(i);
        }
        List<TaskScheduler.Assignment<Integer>> first = s.assign();
        assertEquals(3, first.size(), "one slot on 1, two on 2");
        Map<String, Long> perExecutor = first.stream()
                .collect(Collectors.groupingBy(TaskScheduler.Assignment::executorId, Collectors.counting()));
        assertEquals(Map.of("1", 1L, "2", 2L), perExecutor);
        assertEquals(List.of(0, 1, 2), first.stream().map(TaskScheduler.Assignment::task).toList(), "in order");
        assertTrue(s.assign().isEmpty(), "all slots busy");

        s.release("1");
        List<TaskScheduler.Assignment<Integer>> next = s.assign();
        assertEquals(1, next.size());
        assertEquals("1", next.get(0).executorId());
        assertEquals(3, next.get(0).task());
    }

    @Test
    void equalExecutorsTakeTurns() {
        TaskScheduler<Integer> s = new TaskScheduler<>();
        s.addExecutor("a", "h", 2);
        s.addExecutor("b", "h", 2);
        for (int i = 0; i < 4; i++) {
            s.enqueue(i);
        }
        List<String> order = s.assign().stream().map(TaskScheduler.Assignment::executorId).toList();
        assertEquals(List.of("a", "b", "a", "b"), order);
    }

    @Test
    void retriesGoFirstAndRemovedExecutorsGetNothing() {
        TaskScheduler<String> s = new TaskScheduler<>();
        s.addExecutor("1", "h", 1);
        s.addExecutor("2", "h", 1);
        s.enqueue("new");
        s.enqueueFirst("retry");
        assertTrue(s.removeExecutor("2"));
        List<TaskScheduler.Assignment<String>> a = s.assign();
        assertEquals(1, a.size());
        assertEquals("retry", a.get(0).task());
        assertEquals("1", a.get(0).executorId());
    }

    @Test
    void pendingTasksCanBeDropped() {
        TaskScheduler<String> s = new TaskScheduler<>();
        s.enqueue("job1-a");
        s.enqueue("job2-a");
        s.removePending(t -> t.startsWith("job1"));
        assertEquals(1, s.pendingCount());
    }

    @Test
    void executorsAreRegisteredOnce() {
        TaskScheduler<String> s = new TaskScheduler<>();
        s.addExecutor("1", "h", 1);
        assertThrows(IllegalStateException.class, () -> s.addExecutor("1", "h", 1));
        assertThrows(IllegalArgumentException.class, () -> s.addExecutor("2", "h", 0));
    }
}
