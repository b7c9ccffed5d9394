package dev.spindle.driver;

import dev.spindle.protocol.AccumulatorUpdate;
import dev.spindle.spi.AccumulatorState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application's accumulators on the driver, and the rule that makes them exact: a task's updates
 * are merged only for the first successful attempt of each partition within its scope (a job's result
 * stage, run again after a lost map output; a shuffle's map side, recomputed when its output is lost).
 * Failed attempts report nothing; duplicates, speculative copies and recomputations are ignored.
 *
 * <p>Threading: {@link #create} from user threads, {@link #apply} from the driver's event thread.
 */
final class Accumulators {
    private static final Logger LOG = LoggerFactory.getLogger(Accumulators.class);

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, AccumulatorState> states = new ConcurrentHashMap<>();
    /** Per scope, the partitions whose updates were merged. Event thread only. */
    private final Map<String, BitSet> applied = new HashMap<>();

    AccumulatorState create(String name) {
        AccumulatorState state = new AccumulatorState(ids.getAndIncrement(), name);
        states.put(state.id(), state);
        return state;
    }

    /**
     * Merges the updates of a successful attempt of {@code partition} within {@code scope} unless that
     * partition's were merged already; returns whether they were merged.
     */
    boolean apply(String scope, int partition, List<AccumulatorUpdate> updates) {
        BitSet done = applied.computeIfAbsent(scope, s -> new BitSet());
        if (done.get(partition)) {
            return false;
        }
        done.set(partition);
        for (AccumulatorUpdate u : updates) {
            AccumulatorState state = states.get(u.id());
            if (state == null) {
                // Only ids this driver handed out can arrive; anything else is a bug worth hearing of.
                LOG.warn("An update of accumulator {}, which this driver never created, is ignored", u.id());
                continue;
            }
            state.merge(u.count(), u.longSum(), u.doubleSum());
        }
        return true;
    }
}
