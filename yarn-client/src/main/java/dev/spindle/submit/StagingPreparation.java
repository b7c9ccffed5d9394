package dev.spindle.submit;

import dev.spindle.util.DaemonThreads;
import dev.spindle.yarn.Localized;
import dev.spindle.yarn.StagedFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What staging needs before the application id is known, readied on a thread of its own: the staging
 * file system's client (its first use loads and connects the whole HDFS client) and Spindle's jars in
 * the framework cache (a hash of the jars and a few NameNode round trips), so they overlap the
 * ResourceManager's round trips and the client-mode driver's start.
 *
 * <p>The thread is created by {@link #start}, so it acts as the caller's user (a Kerberos login's too).
 * Whatever it throws is {@link #await}'s.
 */
final class StagingPreparation {
    /**
     * The staging file system; Spindle's jars in the framework cache and how many of them this submit
     * uploaded there (null and 0 when there is no cache).
     */
    record Ready(FileSystem fs, List<Localized> frameworkJars, int frameworkUploads) {
    }

    private final CompletableFuture<Ready> ready;

    private StagingPreparation(CompletableFuture<Ready> ready) {
        this.ready = ready;
    }

    /**
     * @param stagingFs the file system to stage to, or null for the default one
     * @param cacheDir  {@code spindle.yarn.frameworkCache.dir}, blank for none
     */
    static StagingPreparation start(Configuration hadoopConf, java.net.URI stagingFs, String cacheDir,
                                    Map<String, java.nio.file.Path> spindleJars) {
        return new StagingPreparation(DaemonThreads.supply("spindle-stage-prepare", () -> {
            FileSystem fs = stagingFs == null ? FileSystem.get(hadoopConf) : FileSystem.get(stagingFs, hadoopConf);
            if (cacheDir.isBlank()) {
                return new Ready(fs, null, 0);
            }
            Path root = fs.makeQualified(new Path(fs.getHomeDirectory(), cacheDir));
            FrameworkCache.Result cached = new FrameworkCache(fs, root).ensure(spindleJars, name -> true,
                    name -> !name.equals(StagedFiles.AM_JAR));
            return new Ready(fs, cached.files(), cached.uploaded());
        }));
    }

    /** Waits for the preparation; rethrows what it threw. */
    Ready await() throws IOException {
        try {
            return ready.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
