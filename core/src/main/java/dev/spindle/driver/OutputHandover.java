package dev.spindle.driver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lost executor's map output files stay in the application's local dirs on its host, which every
 * executor of the application on that host shares: a live one there serves them from now on, so they
 * need not be computed again (Spark needs its external shuffle service for this).
 *
 * <p>Not thread-safe: used on the driver's event thread.
 */
final class OutputHandover {
    private static final Logger LOG = LoggerFactory.getLogger(OutputHandover.class);

    /** Where a lost executor's map outputs go: to {@code heir}, whose block server reads the same disk. */
    @FunctionalInterface
    interface Heirs {
        /** Returns how many map outputs {@code heir} now serves in {@code lost}'s place. */
        int adopt(String lost, String host, String heir, int heirPort);
    }

    /** Set by the driver once its shuffle bookkeeping exists; until then nothing is handed over. */
    private Heirs heirs = (lost, host, heir, heirPort) -> 0;

    void heirs(Heirs heirs) {
        this.heirs = heirs;
    }

    /** Hands {@code gone}'s map outputs to the first live executor on its host with a block server. */
    void handOver(ExecutorRegistry.Entry gone, Iterable<ExecutorRegistry.Entry> live) {
        for (ExecutorRegistry.Entry e : live) {
            if (e.host.equals(gone.host) && e.blockPort > 0) {
                int n = heirs.adopt(gone.id, gone.host, e.id, e.blockPort);
                if (n > 0) {
                    LOG.info("Executor {} on {} serves the {} map outputs lost executor {} left there", e.id, e.host,
                            n, gone.id);
                }
                return;
            }
        }
    }
}
