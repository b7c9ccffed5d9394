package dev.spindle.driver;

/**
 * What ends a stage whose task could not read a map output: not a job failure but a request to the
 * job's thread to recompute that output from lineage and run the stage again.
 */
final class MapOutputLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int shuffleId;
    final int mapPartition;
    final String mapExecutorId;

    MapOutputLost(int shuffleId, int mapPartition, String mapExecutorId, String reason) {
        super(reason, null, false, false);
        this.shuffleId = shuffleId;
        this.mapPartition = mapPartition;
        this.mapExecutorId = mapExecutorId;
    }
}
