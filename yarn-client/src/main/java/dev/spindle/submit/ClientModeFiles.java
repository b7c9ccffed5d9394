package dev.spindle.submit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a client-mode driver, running in the submit process, sees of the shipped files: a local
 * directory that holds them under their link names as containers' working directories do (local files
 * linked, the cluster's copied down, archives unpacked), and the jars for the job's class loader.
 * {@link #close()} removes the directory.
 */
final class ClientModeFiles implements AutoCloseable {
    private final java.nio.file.Path dir;
    private final List<URL> jars;

    private ClientModeFiles(java.nio.file.Path dir, List<URL> jars) {
        this.dir = dir;
        this.jars = List.copyOf(jars);
    }

    static ClientModeFiles prepare(List<ShippedFiles.Shipped> shipped, Configuration hadoopConf) throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("spindle-files-");
        List<URL> jars = new ArrayList<>();
        try {
            for (ShippedFiles.Shipped s : shipped) {
                java.nio.file.Path local = s.local() ? s.localPath() : download(s, dir, hadoopConf);
                java.nio.file.Path link = dir.resolve(s.link());
                switch (s.kind()) {
                    case JAR -> jars.add(local.toUri().toURL());
                    case FILE -> {
                        if (s.local()) {
                            Files.createSymbolicLink(link, local);
                        }
                    }
                    case ARCHIVE -> unpack(local, link, s);
                }
            }
        } catch (IOException | RuntimeException e) {
            FileUtil.fullyDelete(dir.toFile());
            throw e;
        }
        return new ClientModeFiles(dir, jars);
    }

    private static java.nio.file.Path download(ShippedFiles.Shipped s, java.nio.file.Path dir, Configuration conf)
            throws IOException {
        // Archives and jars are downloaded beside the links under a hidden name: the link is the unpacked directory.
        java.nio.file.Path target = s.kind() == ShippedFiles.Kind.FILE ? dir.resolve(s.link())
                : dir.resolve("." + s.kind().name().toLowerCase(Locale.ROOT) + "-" + s.link() + "-"
                        + new Path(s.source()).getName());
        Path remote = new Path(s.source());
        try {
            remote.getFileSystem(conf).copyToLocalFile(false, remote, new Path(target.toUri()), true);
        } catch (java.io.FileNotFoundException e) {
            throw new UserError(s.kind().option + " " + s.source() + " does not exist", 2, e);
        }
        return target;
    }

    /** Unpacks as a NodeManager does: by the archive's name, zip and jar, tar, tar.gz and tgz. */
    private static void unpack(java.nio.file.Path archive, java.nio.file.Path into, ShippedFiles.Shipped s)
            throws IOException {
        String name = s.source().getPath().toLowerCase(Locale.ROOT);
        Files.createDirectories(into);
        if (name.endsWith(".zip") || name.endsWith(".jar")) {
            FileUtil.unZip(archive.toFile(), into.toFile());
        } else {
            // unTar gunzips by the file's name, which keeps the source's.
            FileUtil.unTar(archive.toFile(), into.toFile());
        }
    }

    java.nio.file.Path directory() {
        return dir;
    }

    List<URL> jars() {
        return jars;
    }

    @Override
    public void close() {
        FileUtil.fullyDelete(dir.toFile());
    }
}
