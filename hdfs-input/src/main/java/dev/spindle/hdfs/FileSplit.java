package dev.spindle.hdfs;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A byte range of one file, read by one task, with the hosts that store it (for locality).
 *
 * @param path   the file's fully qualified path
 * @param start  first byte of the range
 * @param length bytes in the range; a reader may read past its end to finish a record
 * @param hosts  hosts holding the block where the range starts, most useful first
 */
public record FileSplit(String path, long start, long length, List<String> hosts) implements Serializable {
    public FileSplit {
        Objects.requireNonNull(path, "path");
        if (start < 0 || length < 0) {
            throw new IllegalArgumentException("split of " + path + " has start " + start + " and length " + length);
        }
        hosts = List.copyOf(hosts);
    }

    public long end() {
        return start + length;
    }
}
