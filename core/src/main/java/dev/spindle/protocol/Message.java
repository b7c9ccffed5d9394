package dev.spindle.protocol;

/**
 * A message between Spindle's processes. Every message is a record validated in its constructor and
 * has an explicit binary form in {@link MessageCodec}; only user closures and task results travel as
 * opaque (Java-serialized) bytes inside them.
 */
public sealed interface Message permits Messages.RegisterExecutor, Messages.LaunchTask, Messages.TaskFinished,
        Messages.TaskFailed, Messages.Heartbeat, Messages.Shutdown, Messages.RegisterAm, Messages.Progress,
        Messages.FinishApplication, Messages.ExecutorExited, Messages.FetchBlock, Messages.BlockChunk,
        Messages.BlockFailed, Messages.ExecutorDemand, Messages.FetchFailed,
        Messages.HeartbeatAck, Messages.TaskNotRun, Messages.StageFinished, Messages.UpdateTokens,
        Messages.FetchBroadcast, Messages.BroadcastValue, Messages.Forget, Messages.PartitionCached {
}
