package dev.spindle.status;

import dev.spindle.util.DaemonThreads;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes the driver's events to {@code <dir>/<app id>_<attempt>.inprogress} on the cluster's file
 * system, one {@link EventLog} line each, and renames the file without the suffix when the driver
 * closes it: a history server shows an application from the log, while it runs (as far as it was
 * flushed) and after it ended. The driver's event thread only queues events; one thread of this writer
 * turns them into lines and writes them, and flushes to the file system whenever it has caught up, so a log is at most a moment
 * behind. A failing file system costs the log, never the job.
 *
 * <p>Thread-safe: {@link #on} from any thread, {@link #close} once.
 */
public final class EventLogWriter implements StatusListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLogWriter.class);
    public static final String IN_PROGRESS = ".inprogress";
    /** Queued by {@link #close}: the writer stops at it. */
    private static final Object END = new Object();

    private final FileSystem fs;
    private final Path inProgress;
    private final Path done;
    /** Events, not lines: turning them into JSON is the writer thread's work, not the driver's event loop's. */
    private final LinkedBlockingQueue<Object> lines = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    private EventLogWriter(FileSystem fs, Path inProgress, Path done, BufferedWriter out, FSDataOutputStream raw) {
        this.fs = fs;
        this.inProgress = inProgress;
        this.done = done;
        this.thread = new DaemonThreads("spindle-event-log").newThread(() -> drain(out, raw));
        this.thread.start();
    }

    /** Opens the log of attempt {@code attempt} of {@code appId} in {@code dir}, making the directory if needed. */
    public static EventLogWriter open(FileSystem fs, Path dir, String appId, int attempt) throws IOException {
        FileSystem.mkdirs(fs, dir, new FsPermission((short) 0770));
        String name = appId + "_" + attempt;
        Path inProgress = new Path(dir, name + IN_PROGRESS);
        FSDataOutputStream raw = fs.create(inProgress, true);
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 64 * 1024);
        return new EventLogWriter(fs, inProgress, new Path(dir, name), out, raw);
    }

    @Override
    public void on(StatusEvent event) {
        if (!closed) {
            lines.add(event);
        }
    }

    private void drain(BufferedWriter out, FSDataOutputStream raw) {
        try (out) {
            while (true) {
                Object next = lines.poll(1, TimeUnit.SECONDS);
                if (next == null) {
                    continue;
                }
                if (next == END) {
                    return;
                }
                out.write(EventLog.line((StatusEvent) next));
                out.write('\n');
                if (lines.isEmpty()) {
                    out.flush();
                    raw.hflush();
                }
            }
        } catch (IOException e) {
            LOG.warn("The event log {} could not be written: {}; the application goes on without it", inProgress,
                    e.toString());
            lines.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued, closes the file and gives it its final name; waits at most ten seconds. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        lines.add(END);
        try {
            thread.join(10_000);
            if (thread.isAlive()) {
                LOG.warn("The event log {} did not finish writing within 10 s: left as it is", inProgress);
                thread.interrupt();
                return;
            }
            if (!fs.rename(inProgress, done)) {
                LOG.warn("The event log {} could not be renamed to {}", inProgress, done);
            }
        } catch (IOException e) {
            LOG.warn("The event log {} could not be renamed to {}: {}", inProgress, done, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The log's final path, once closed. */
    public Path path() {
        return done;
    }
}
