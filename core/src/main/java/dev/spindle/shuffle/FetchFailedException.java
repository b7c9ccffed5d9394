package dev.spindle.shuffle;

/**
 * A reduce-side task could not read one map output: its server is gone, the connection failed, or
 * the file is missing or damaged. Not the task's fault and not retried as a task failure: the driver
 * learns which map output is lost and recomputes it from lineage before running the reader again.
 */
public final class FetchFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int shuffleId;
    private final int mapPartition;
    private final String mapExecutorId;
    private final String host;

    public FetchFailedException(int shuffleId, int mapPartition, MapStatus where, Throwable cause) {
        super("cannot read map output " + mapPartition + " of shuffle " + shuffleId + " from executor "
                + where.executorId() + " on " + where.host() + ": " + cause.getMessage(), cause);
        this.shuffleId = shuffleId;
        this.mapPartition = mapPartition;
        this.mapExecutorId = where.executorId();
        this.host = where.host();
    }

    public int shuffleId() {
        return shuffleId;
    }

    public int mapPartition() {
        return mapPartition;
    }

    public String mapExecutorId() {
        return mapExecutorId;
    }

    public String host() {
        return host;
    }

    /** The fetch failure behind {@code t}, if a task's exception is one or wraps one. */
    public static FetchFailedException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FetchFailedException f) {
                return f;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
