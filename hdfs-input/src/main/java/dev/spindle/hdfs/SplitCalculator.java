package dev.spindle.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts files into splits as Hadoop's FileInputFormat does: a split size of
 * {@code max(minSize, min(goalSize, maxSize, blockSize))}, where the goal size spreads the input over
 * at least the requested number of splits; a last piece up to 10 % over the split size stays whole;
 * each split carries the hosts of the block it starts in. Compressed files are one split each unless
 * their codec can split (bzip2); empty files give no split.
 */
public final class SplitCalculator {
    /** A last piece this much larger than the split size still makes one split, as in Hadoop. */
    static final double SLOP = 1.1;

    /** One block of a file, as its file system reports it. */
    public record Block(long offset, long length, List<String> hosts) {
        public Block {
            hosts = List.copyOf(hosts);
        }
    }

    private final long minSize;
    private final long maxSize;

    public SplitCalculator(long minSize, long maxSize) {
        if (minSize < 1 || maxSize < minSize) {
            throw new IllegalArgumentException("split sizes must satisfy 1 <= min <= max, not " + minSize + ", " + maxSize);
        }
        this.minSize = minSize;
        this.maxSize = maxSize;
    }

    /** Splits of all {@code files}, in order, with at least about {@code minSplits} of them when the data allows. */
    public List<FileSplit> splits(List<FileStatus> files, int minSplits, Configuration conf) throws IOException {
        long total = files.stream().mapToLong(FileStatus::getLen).sum();
        long goal = minSplits <= 0 ? Long.MAX_VALUE : Math.max(1, total / minSplits);
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        List<FileSplit> out = new ArrayList<>();
        for (FileStatus f : files) {
            if (f.getLen() == 0) {
                continue;
            }
            FileSystem fs = f.getPath().getFileSystem(conf);
            BlockLocation[] locations = fs.getFileBlockLocations(f, 0, f.getLen());
            List<Block> blocks = new ArrayList<>(locations.length);
            for (BlockLocation b : locations) {
                blocks.add(new Block(b.getOffset(), b.getLength(), Arrays.asList(b.getHosts())));
            }
            CompressionCodec codec = codecs.getCodec(f.getPath());
            boolean splittable = codec == null || codec instanceof SplittableCompressionCodec;
            out.addAll(splitFile(f.getPath().toString(), f.getLen(), f.getBlockSize(), blocks, splittable, goal));
        }
        return out;
    }

    /** The pure computation for one file. */
    List<FileSplit> splitFile(String path, long length, long blockSize, List<Block> blocks, boolean splittable,
                              long goalSize) {
        List<FileSplit> out = new ArrayList<>();
        if (length == 0) {
            return out;
        }
        if (!splittable) {
            out.add(new FileSplit(path, 0, length, hostsAt(blocks, 0)));
            return out;
        }
        long splitSize = Math.max(minSize, Math.min(Math.min(goalSize, maxSize), blockSize));
        long remaining = length;
        while ((double) remaining / splitSize > SLOP) {
            long start = length - remaining;
            out.add(new FileSplit(path, start, splitSize, hostsAt(blocks, start)));
            remaining -= splitSize;
        }
        if (remaining > 0) {
            long start = length - remaining;
            out.add(new FileSplit(path, start, remaining, hostsAt(blocks, start)));
        }
        return out;
    }

    private static List<String> hostsAt(List<Block> blocks, long offset) {
        for (Block b : blocks) {
            if (offset >= b.offset() && offset < b.offset() + b.length()) {
                return b.hosts();
            }
        }
        return List.of();
    }
}
