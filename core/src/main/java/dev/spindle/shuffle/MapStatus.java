package dev.spindle.shuffle;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where one map task's shuffle output lives and how many bytes it holds for each reduce partition:
 * what the driver hands to the reduce tasks.
 *
 * @param host     the host whose local disk holds the files
 * @param port     the executor's block server on that host, 0 if it has none
 * @param block    the map output's name, which its executor's block server resolves
 * @param dataFile the data file (an index file of the same name with {@code .index} lies beside it)
 * @param checksums each reduce partition's CRC32C, which every reader verifies
 */
public record MapStatus(String executorId, String host, int port, String block, String dataFile,
                        long[] partitionLengths, long[] checksums) implements Serializable {
    public MapStatus {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(executorId, "executorId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataFile, "dataFile");
        partitionLengths = partitionLengths.clone();
        checksums = checksums.clone();
        if (checksums.length != partitionLengths.length) {
            throw new IllegalArgumentException("one checksum per partition: " + checksums.length + " for "
                    + partitionLengths.length);
        }
    }

    public long totalBytes() {
        return Arrays.stream(partitionLengths).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapStatus m && m.executorId.equals(executorId) && m.host.equals(host) && m.port == port
                && m.block.equals(block) && m.dataFile.equals(dataFile) && Arrays.equals(m.partitionLengths, partitionLengths)
                && Arrays.equals(m.checksums, checksums);
    }

    @Override
    public int hashCode() {
        return Objects.hash(executorId, host, port, block, dataFile, Arrays.hashCode(partitionLengths),
                Arrays.hashCode(checksums));
    }

    @Override
    public String toString() {
        return "MapStatus[" + executorId + "@" + host + ":" + port + " " + dataFile + ", " + totalBytes() + " bytes]";
    }
}
