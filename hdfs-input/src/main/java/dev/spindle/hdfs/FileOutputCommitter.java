package dev.spindle.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Commits a job's output the way Hadoop's FileOutputCommitter does, made safe for a shared cluster and
 * for ApplicationMaster attempts: every task attempt writes into a directory of its own under
 * {@code OUT/_temporary/<writer>}; when all tasks are done, the job commit moves one successful
 * attempt's file per partition into {@code OUT} as {@code part-NNNNN}, writes {@code _SUCCESS} and
 * removes {@code _temporary}. Readers see either the whole output or none.
 *
 * <p>Ownership: {@link #setupJob} claims OUT by creating {@code OUT/_temporary/_owner} exclusively
 * (HDFS's create without overwrite is atomic), so of two applications writing one OUT at once exactly
 * one proceeds. The owner file, and {@code _SUCCESS} after the commit, name the {@link Writer}: an OUT
 * that an earlier attempt of the same application left, committed or not, is replaced instead of
 * refused, because that attempt's driver is gone and this one computes the same output again. Any other
 * existing OUT is refused and never touched; {@link #abortJob} deletes only what this job created.
 *
 * <p>{@link #setupJob}, {@link #commitJob} and {@link #abortJob} run on the driver, on the thread of the
 * job that saves; {@link #attemptFile} is what tasks write to.
 */
public final class FileOutputCommitter {
    public static final String TEMPORARY = "_temporary";
    public static final String SUCCESS = "_SUCCESS";
    static final String OWNER = "_owner";

    /**
     * Who writes an output: an application and the attempt of its driver. Written as one line in the
     * owner file and in {@code _SUCCESS}.
     */
    public record Writer(String application, int attempt) {
        public Writer {
            if (application == null || application.isBlank() || application.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("an application id without blanks is required, got '" + application + "'");
            }
            if (attempt < 1) {
                throw new IllegalArgumentException("attempts count from 1, got " + attempt);
            }
        }

        String line() {
            return application + " " + attempt;
        }

        /** The directory name of this writer's attempts under {@code _temporary}. */
        String dirName() {
            return application + "_" + attempt;
        }

        static Optional<Writer> parse(String line) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 2) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Writer(parts[0], Integer.parseInt(parts[1])));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        boolean earlierAttemptOf(Writer other) {
            return application.equals(other.application) && attempt < other.attempt;
        }

        @Override
        public String toString() {
            return application + " (attempt " + attempt + ")";
        }
    }

    private final Path out;
    private final FileSystem fs;
    private final Writer writer;
    private boolean owned;

    public FileOutputCommitter(String out, Writer writer, Configuration conf) throws IOException {
        Path p = new Path(out);
        this.fs = p.getFileSystem(conf);
        this.out = fs.makeQualified(p);
        this.writer = writer;
    }

    public String output() {
        return out.toString();
    }

    /** Where this job's task attempts write: {@code OUT/_temporary/<writer>}. */
    public String attemptsDir() {
        return new Path(new Path(out, TEMPORARY), writer.dirName()).toString();
    }

    private Path ownerFile() {
        return new Path(new Path(out, TEMPORARY), OWNER);
    }

    /**
     * Claims OUT for this job.
     *
     * @throws OutputException if OUT exists and is not an earlier attempt's of this application, or
     *                         another application claimed it first: nothing of it is touched
     */
    public void setupJob() throws IOException {
        if (fs.exists(out)) {
            Optional<Writer> before = recordedWriter();
            if (before.isEmpty() || !before.get().earlierAttemptOf(writer)) {
                throw new OutputException("output " + out + " already exists"
                        + before.filter(w -> !w.application().equals(writer.application()))
                                .map(w -> " (written by " + w.application() + ")").orElse(""));
            }
            // What an earlier attempt of this application left: its driver is gone, we write it all again.
            fs.delete(out, true);
        }
        try (FSDataOutputStream o = fs.create(ownerFile(), false)) {
            o.write((writer.line() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException e) {
            throw new OutputException("output " + out + " is being written by another application"
                    + readWriter(ownerFile()).map(w -> " (" + w.application() + ")").orElse(""));
        }
        // Another writer may have committed between our look and our claim: its files are in OUT now.
        for (FileStatus s : fs.listStatus(out)) {
            if (!s.getPath().getName().equals(TEMPORARY)) {
                fs.delete(ownerFile(), false);
                removeIfEmpty(new Path(out, TEMPORARY));
                throw new OutputException("output " + out + " already exists");
            }
        }
        owned = true;
    }

    /** The file one task attempt writes, in a directory no other attempt uses. */
    public static String attemptFile(String attemptsDir, int partition, long attemptId) {
        return new Path(new Path(attemptsDir, "attempt_" + partition + "_" + attemptId), partName(partition)).toString();
    }

    public static String partName(int partition) {
        return String.format("part-%05d", partition);
    }

    /**
     * Moves {@code attemptFiles.get(p)} to {@code OUT} under its own name ({@code part-p} and any
     * extension) for every partition, writes {@code _SUCCESS}
     * naming the writer, then removes {@code _temporary}. {@code _SUCCESS} comes before the removal so that
     * an attempt that dies at any point leaves an OUT its next attempt recognises as its own.
     */
    public void commitJob(List<String> attemptFiles) throws IOException {
        Optional<Writer> owner = readWriter(ownerFile());
        if (!owned || !owner.equals(Optional.of(writer))) {
            throw new OutputException("output " + out + " is no longer this job's to commit"
                    + owner.map(w -> " (claimed by " + w + ")").orElse(" (its owner file is gone)"));
        }
        for (int p = 0; p < attemptFiles.size(); p++) {
            Path from = new Path(attemptFiles.get(p));
            // The attempt's file name: part-NNNNN, with a codec's extension when compressed.
            Path to = new Path(out, from.getName());
            if (!fs.rename(from, to)) {
                throw new OutputException("cannot move " + from + " to " + to);
            }
        }
        try (FSDataOutputStream o = fs.create(new Path(out, SUCCESS), false)) {
            o.write((writer.line() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(new Path(out, TEMPORARY), true);
    }

    /**
     * Removes what this job wrote. OUT is deleted only when this job claimed it, and is still its
     * owner; otherwise only this writer's own attempt files go.
     */
    public void abortJob() throws IOException {
        if (!owned) {
            return;
        }
        if (readWriter(ownerFile()).equals(Optional.of(writer))) {
            fs.delete(out, true);
        } else {
            fs.delete(new Path(attemptsDir()), true);
        }
        owned = false;
    }

    private void removeIfEmpty(Path dir) {
        try {
            if (fs.listStatus(dir).length == 0) {
                fs.delete(dir, false);
            }
        } catch (IOException e) {
            // Somebody else's files are in it, or it is gone already: either way it is not ours to remove.
        }
    }

    /** The writer an existing OUT names: in its owner file while being written, in _SUCCESS after. */
    private Optional<Writer> recordedWriter() throws IOException {
        Optional<Writer> w = readWriter(ownerFile());
        return w.isPresent() ? w : readWriter(new Path(out, SUCCESS));
    }

    private Optional<Writer> readWriter(Path file) throws IOException {
        try (FSDataInputStream in = fs.open(file)) {
            byte[] b = new byte[256];
            int n = in.read(b);
            return n <= 0 ? Optional.empty() : Writer.parse(new String(b, 0, n, StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }
}
