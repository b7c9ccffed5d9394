package dev.spindle.driver;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    // ---- delay scheduling ----

    /** A task named after the hosts holding its input, e.g. "t1@h1,h2". */
    private static List<String> hostsOf(String task) {
        int at = task.indexOf('@');
        return at < 0 ? List.of() : List.of(task.substring(at + 1).split(","));
    }

    private static final class FakeClock implements java.util.function.LongSupplier {
        long now = 1_000;

        @Override
        public long getAsLong() {
            return now;
        }
    }

    private static String rackOf(String host) {
        return switch (host) {
            case "h1", "h2" -> "/r1";
            case "h3", "h4" -> "/r2";
            default -> null;
        };
    }

    /** Registers a one-slot executor on each host and keeps it busy with a local task. */
    private static void occupy(TaskScheduler<String> s, String... hosts) {
        for (String h : hosts) {
            s.addExecutor("busy-" + h, h, 1);
            s.enqueue("busy@" + h);
        }
        List<TaskScheduler.Assignment<String>> a = s.assign();
        assertEquals(hosts.length, a.size());
        assertTrue(a.stream().allMatch(x -> x.locality() == TaskScheduler.Locality.NODE_LOCAL));
    }

    private static TaskScheduler<String> localityScheduler(FakeClock clock) {
        return new TaskScheduler<>(TaskSchedulerTest::hostsOf, TaskSchedulerTest::rackOf, 3000, 2000, clock);
    }

    @Test
    void tasksGoToTheExecutorOnTheirHost() {
        FakeClock clock = new FakeClock();
        TaskScheduler<String> s = localityScheduler(clock);
        s.addExecutor("1", "h1", 1);
        s.addExecutor("2", "h3", 1);
        s.enqueue("a@h3");
        s.enqueue("b@h1");
        List<TaskScheduler.Assignment<String>> a = s.assign();
        assertEquals(2, a.size());
        for (TaskScheduler.Assignment<String> x : a) {
            assertEquals(TaskScheduler.Locality.NODE_LOCAL, x.locality());
            assertTrue(hostsOf(x.task()).contains(x.host()), x.toString());
        }
    }

    @Test
    void aSlotWaitsForLocalWorkThenTakesRackLocalThenAny() {
        FakeClock clock = new FakeClock();
        TaskScheduler<String> s = localityScheduler(clock);
        occupy(s, "h1", "h4");
        s.addExecutor("1", "h2", 1);
        s.enqueue("far@h4");
        s.enqueue("rack@h1");
        assertTrue(s.assign().isEmpty(), "nothing local to h2, and h1 and h4 have (busy) executors: wait");
        assertEquals(clock.now + 3000, s.nextDecisionAt());

        clock.now += 3000;
        List<TaskScheduler.Assignment<String>> a = s.assign();
        assertEquals(List.of("rack@h1"), a.stream().map(TaskScheduler.Assignment::task).toList());
        assertEquals(TaskScheduler.Locality.RACK_LOCAL, a.get(0).locality());

        s.release("1");
        assertTrue(s.assign().isEmpty(), "the rack level holds until the rack wait is over");
        assertEquals(1_000 + 3000 + 2000, s.nextDecisionAt());
        clock.now = 1_000 + 5000;
        a = s.assign();
        assertEquals(TaskScheduler.Locality.ANY, a.get(0).locality());
        assertEquals("far@h4", a.get(0).task());
    }

    @Test
    void withoutRacksTheWaitGoesStraightToAny() {
        FakeClock clock = new FakeClock();
        TaskScheduler<String> s = localityScheduler(clock);
        occupy(s, "h1");
        s.addExecutor("1", "unracked", 1);
        s.enqueue("t@h1");
        assertTrue(s.assign().isEmpty());
        assertEquals(clock.now + 3000, s.nextDecisionAt());
        clock.now += 3000;
        assertEquals(TaskScheduler.Locality.ANY, s.assign().get(0).locality());
    }

    @Test
    void noWaitForHostsOrRacksWithoutExecutors() {
        FakeClock clock = new FakeClock();
        TaskScheduler<String> s = localityScheduler(clock);
        s.addExecutor("1", "h2", 1);
        s.addExecutor("2", "unracked", 1);
        s.enqueue("rackmate@h1");
        s.enqueue("nowhere@localhost");
        List<TaskScheduler.Assignment<String>> a = s.assign();
        assertEquals(2, a.size(), "no executor on h1 or on localhost: nobody waits for them");
        assertEquals(TaskScheduler.Locality.RACK_LOCAL, a.stream().filter(x -> x.task().startsWith("rackmate"))
                .findFirst().orElseThrow().locality());
        assertEquals(TaskScheduler.Locality.ANY, a.stream().filter(x -> x.task().startsWith("nowhere"))
                .findFirst().orElseThrow().locality());
    }

    @Test
    void tasksWithoutPreferenceRunAtOnce() {
        FakeClock clock = new FakeClock();
        TaskScheduler<String> s = localityScheduler(clock);
        s.addExecutor("1", "h1", 2);
        s.enqueue("reduce-0");
        s.enqueue("reduce-1");
        List<TaskScheduler.Assignment<String>> a = s.assign();
        assertEquals(2, a.size());
        assertTrue(a.stream().allMatch(x -> x.locality() == TaskScheduler.Locality.NO_PREFERENCE));
        assertEquals(-1, s.nextDecisionAt());
    }

    @Test
    void aBusyLocalExecutorDoesNotStarveAnIdleOne() {
        // Executor 1 on h1 keeps finding local work; executor 2 on h9 has none. Executor 2 must start
        // taking h1's tasks once its own wait is over, however often executor 1 launches locally.
        FakeClock clock = new FakeClock();
        TaskScheduler<String> s = localityScheduler(clock);
        s.addExecutor("1", "h1", 1);
        s.addExecutor("2", "h9", 1);
        for (int i = 0; i < 20; i++) {
            s.enqueue("t" + i + "@h1");
        }
        int ranOn2 = 0;
        for (int step = 0; step < 10; step++) {
            for (TaskScheduler.Assignment<String> a : s.assign()) {
                if (a.executorId().equals("2")) {
                    ranOn2++;
                }
            }
            s.release("1");
            clock.now += 1000;
        }
        assertTrue(ranOn2 > 0, "executor 2 took work after its wait");
    }

    @Test
    void aTaskStaysOffWhereItFailedWhileAnotherExecutorCouldTakeIt() {
        // Task "retry" failed on executor 1; "fresh" never failed.
        TaskScheduler<String> s = new TaskScheduler<>(t -> List.of(), h -> null, 0, 0, () -> 0L,
                (task, executorId, host) -> task.equals("retry") && executorId.equals("1"));
        s.addExecutor("1", "h1", 1);
        s.addExecutor("2", "h2", 1);
        s.enqueueFirst("retry");
        s.enqueue("fresh");
        // Executor 1 is picked first (both free, 1 registered first): it passes over the retry.
        List<TaskScheduler.Assignment<String>> a = s.assign();
        assertEquals(Map.of("retry", "2", "fresh", "1"), a.stream().collect(Collectors.toMap(
                TaskScheduler.Assignment::task, TaskScheduler.Assignment::executorId)));

        s.release("1");
        s.release("2");
        s.removeExecutor("2");
        s.enqueueFirst("retry");
        List<TaskScheduler.Assignment<String>> alone = s.assign();
        assertEquals(1, alone.size(), "with no other executor left, the one it failed on takes it");
        assertEquals("1", alone.get(0).executorId());
    }

    /** Tasks "p<i>@<executor>" prefer the executor that holds partition i cached; on host h with the others. */
    private static TaskScheduler<String> cachedAware(long[] now) {
        return new TaskScheduler<>(t -> List.of(), t -> t.contains("@") ? List.of(t.substring(t.indexOf('@') + 1))
                : List.of(), h -> "/rack", 3000, 3000, () -> now[0], (t, e, h) -> false);
    }

    @Test
    void aTaskWhoseInputIsCachedRunsInTheExecutorHoldingIt() {
        long[] now = {0};
        TaskScheduler<String> s = cachedAware(now);
        s.addExecutor("e1", "h", 1);
        s.addExecutor("e2", "h", 1);
        s.enqueue("p0@e2");
        s.enqueue("p1@e1");
        List<TaskScheduler.Assignment<String>> got = s.assign();
        assertEquals(2, got.size());
        for (TaskScheduler.Assignment<String> a : got) {
            assertEquals(a.task().substring(3), a.executorId());
            assertEquals(TaskScheduler.Locality.PROCESS_LOCAL, a.locality());
        }
    }

    @Test
    void otherExecutorsWaitForTheHolderThenTakeTheTask() {
        long[] now = {0};
        TaskScheduler<String> s = cachedAware(now);
        s.addExecutor("e1", "h", 1);
        s.addExecutor("e2", "h", 1);
        s.enqueue("p0@e1");
        s.enqueue("p1@e1");
        assertEquals(List.of("e1"), s.assign().stream().map(TaskScheduler.Assignment::executorId).toList(),
                "e2 does not take p1 while its holder lives");
        now[0] = 2999;
        assertTrue(s.assign().isEmpty());
        now[0] = 3000;
        List<TaskScheduler.Assignment<String>> late = s.assign();
        assertEquals(1, late.size());
        assertEquals("e2", late.get(0).executorId());
        assertEquals("p1@e1", late.get(0).task());
        assertEquals(TaskScheduler.Locality.ANY, late.get(0).locality(), "no host preference: counted as any");
    }

    @Test
    void aTaskWhoseHolderIsGoneRunsAnywhereAtOnce() {
        long[] now = {0};
        TaskScheduler<String> s = cachedAware(now);
        s.addExecutor("e2", "h", 1);
        s.enqueue("p0@e1");
        List<TaskScheduler.Assignment<String>> got = s.assign();
        assertEquals(1, got.size());
        assertEquals("e2", got.get(0).executorId());
    }

    @Test
    void blockHostsMatchExecutorHostsByShortAndFullName() {
        long[] now = {0};
        Map<String, List<String>> blocks = Map.of("a", List.of("node1"), "b", List.of("NODE2.example.com"),
                "c", List.of("dn9"));
        TaskScheduler<String> s = new TaskScheduler<>(blocks::get, h -> null, 3000, 0, () -> now[0]);
        s.knowHosts(List.of("node1.example.com", "node2.example.com"));
        s.enqueue("a");
        s.enqueue("b");
        s.enqueue("c");
        assertEquals(Map.of("node1.example.com", 1, "node2.example.com", 1, "dn9", 1), s.pendingByHost(),
                "the AM hears NodeManagers' names where a block host has one");
        s.addExecutor("e1", "node1.example.com", 1);
        s.addExecutor("e2", "node2.example.com", 1);
        Map<String, TaskScheduler.Locality> got = s.assign().stream().collect(Collectors.toMap(
                TaskScheduler.Assignment::task, TaskScheduler.Assignment::locality));
        assertEquals(Map.of("a", TaskScheduler.Locality.NODE_LOCAL, "b", TaskScheduler.Locality.NODE_LOCAL), got);
        s.release("e1");
        List<TaskScheduler.Assignment<String>> last = s.assign();
        assertEquals(1, last.size(), "dn9 runs no executor: its task does not wait for one");
        assertEquals(TaskScheduler.Locality.ANY, last.get(0).locality(), "and is counted as not local");
    }
    @Test
    void theFirstExecutorsCanStartEverythingOnlyWhenEachTaskFitsWhereItIsBest() {
        Map<String, List<String>> blocks = Map.of("one", List.of(), "two", List.of(), "on-h1", List.of("h1"),
                "on-h2", List.of("h2"));
        TaskScheduler<String> s = new TaskScheduler<>(blocks::get, h -> null, 3000, 0, () -> 0L);
        assertFalse(s.canStartAllNow(), "nothing pending, nothing to start");
        s.enqueue("one");
        assertFalse(s.canStartAllNow(), "no executor yet");
        s.addExecutor("e1", "h1", 1);
        assertTrue(s.canStartAllNow(), "a one-task job with no preferred host: the first slot is as good as any");
        s.enqueue("two");
        assertFalse(s.canStartAllNow(), "two tasks, one slot: a second executor would run one of them sooner");
        s.removePending(t -> t.equals("two"));
        s.enqueue("on-h1");
        assertFalse(s.canStartAllNow(), "two tasks still");
        s.removePending(t -> t.equals("one"));
        assertTrue(s.canStartAllNow(), "its input is on the registered executor's host");
        s.enqueue("on-h2");
        s.addExecutor("e3", "h3", 4);
        assertFalse(s.canStartAllNow(), "h2 has no executor yet: its task could be local on one still to come");
        s.addExecutor("e2", "h2", 1);
        assertTrue(s.canStartAllNow());
        s.enqueue("one");
        assertTrue(s.canStartAllNow(), "the task with no preference takes e3's slot");
        List<TaskScheduler.Assignment<String>> got = s.assign();
        assertEquals(3, got.size());
        assertTrue(got.stream().filter(a -> a.task().startsWith("on-"))
                .allMatch(a -> a.locality() == TaskScheduler.Locality.NODE_LOCAL), got.toString());
    }

    @Test
    void aCachedTaskFitsOnlyInAFreeSlotOfTheExecutorHoldingIt() {
        long[] now = {0};
        TaskScheduler<String> s = cachedAware(now);
        s.addExecutor("e1", "h", 1);
        s.enqueue("p0@e2");
        assertFalse(s.canStartAllNow(), "its holder has not registered");
        s.addExecutor("e2", "h", 1);
        assertTrue(s.canStartAllNow());
        s.enqueue("p1@e2");
        assertFalse(s.canStartAllNow(), "both want e2's one slot");
    }
}
