package dev.spindle.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.List;

/**
 * Commits a job's output the way Hadoop's FileOutputCommitter does: every task attempt writes into a
 * directory of its own under {@code OUT/_temporary}; when all tasks are done, the job commit moves
 * one successful attempt's file per partition into {@code OUT} as {@code part-NNNNN}, removes
 * {@code _temporary} and writes an empty {@code _SUCCESS}. An existing OUT is refused up front, and an
 * aborted job removes OUT, so readers see either the whole output or none.
 *
 * <p>{@link #setupJob}, {@link #commitJob} and {@link #abortJob} run on the driver; {@link #attemptFile}
 * is what tasks write to.
 */
public final class FileOutputCommitter {
    public static final String TEMPORARY = "_temporary";
    public static final String SUCCESS = "_SUCCESS";

    private final Path out;
    private final FileSystem fs;

    public FileOutputCommitter(String out, Configuration conf) throws IOException {
        Path p = new Path(out);
        this.fs = p.getFileSystem(conf);
        this.out = fs.makeQualified(p);
    }

    public String output() {
        return out.toString();
    }

    /** @throws OutputException if OUT exists: nothing is overwritten */
    public void setupJob() throws IOException {
        if (fs.exists(out)) {
            throw new OutputException("output " + out + " already exists");
        }
        if (!fs.mkdirs(new Path(out, TEMPORARY))) {
            throw new OutputException("cannot create output directory " + out);
        }
    }

    /** The file one task attempt writes, in a directory no other attempt uses. */
    public static String attemptFile(String out, int partition, long attemptId) {
        return new Path(new Path(new Path(out, TEMPORARY), "attempt_" + partition + "_" + attemptId),
                partName(partition)).toString();
    }

    public static String partName(int partition) {
        return String.format("part-%05d", partition);
    }

    /** Moves {@code attemptFiles.get(p)} to {@code OUT/part-p} for every partition, then marks success. */
    public void commitJob(List<String> attemptFiles) throws IOException {
        for (int p = 0; p < attemptFiles.size(); p++) {
            Path from = new Path(attemptFiles.get(p));
            Path to = new Path(out, partName(p));
            if (!fs.rename(from, to)) {
                throw new OutputException("cannot move " + from + " to " + to);
            }
        }
        fs.delete(new Path(out, TEMPORARY), true);
        fs.create(new Path(out, SUCCESS), false).close();
    }

    /** Removes everything the job wrote: OUT did not exist before {@link #setupJob}. */
    public void abortJob() throws IOException {
        fs.delete(out, true);
    }
}
