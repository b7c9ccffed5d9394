package dev.spindle.submit;

import dev.spindle.yarn.Localized;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Spindle's own jars on the cluster's file system, uploaded once per content: a directory named by
 * the SHA-256 of all of them under {@code spindle.yarn.frameworkCache.dir}, which later submissions of
 * the same build reuse without uploading a byte. The directory appears whole or not at all (uploaded
 * beside it, then renamed), so concurrent first submits cannot see half of it. Files are world-readable
 * and listed PUBLIC when every directory above lets others through, so each NodeManager downloads them
 * once for all users; otherwise PRIVATE, so it does once per user. Either way a NodeManager keeps its copy
 * across applications.
 */
final class FrameworkCache {
    private static final FsPermission DIR = new FsPermission((short) 0755);
    private static final FsPermission FILE = new FsPermission((short) 0644);

    /** What {@link #ensure} found or did. */
    record Result(Path dir, List<Localized> files, int uploaded) {
    }

    private final FileSystem fs;
    private final Path root;

    /** @param root the cache's directory, qualified */
    FrameworkCache(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /**
     * The cache's copy of {@code jars} (link name to local file), uploaded first when missing.
     *
     * @param forAppMaster which link names the ApplicationMaster localizes (executors localize all but the AM's jar)
     */
    Result ensure(Map<String, java.nio.file.Path> jars, java.util.function.Predicate<String> forAppMaster,
                  java.util.function.Predicate<String> forExecutors) throws IOException {
        Map<String, java.nio.file.Path> sorted = new TreeMap<>(jars);
        Path dir = new Path(root, contentHash(sorted));
        int uploaded = 0;
        // One listing instead of a status call per jar: every round trip to the NameNode is start-up time.
        Map<String, FileStatus> present = listing(dir);
        if (present == null) {
            uploaded = upload(dir, sorted);
            present = listing(dir);
            if (present == null) {
                throw new IOException("the framework cache " + dir + " vanished right after it was uploaded");
            }
        }
        for (Map.Entry<String, java.nio.file.Path> jar : sorted.entrySet()) {
            FileStatus st = present.get(jar.getKey());
            if (st == null || st.getLen() != Files.size(jar.getValue())) {
                throw new IOException("the framework cache " + dir + " lacks or has a different " + jar.getKey()
                        + ": remove the directory so the next submit uploads it again");
            }
        }
        LocalResourceVisibility visibility = publiclyReadable(dir) ? LocalResourceVisibility.PUBLIC
                : LocalResourceVisibility.PRIVATE;
        List<Localized> files = new ArrayList<>();
        for (String name : jars.keySet()) {
            FileStatus st = present.get(name);
            files.add(new Localized(name, fs.makeQualified(st.getPath()).toString(), false, visibility, st.getLen(),
                    st.getModificationTime(), forAppMaster.test(name), forExecutors.test(name), true));
        }
        return new Result(dir, files, uploaded);
    }

    /** The files of {@code dir} by name, or null when there is no such directory. */
    private Map<String, FileStatus> listing(Path dir) throws IOException {
        FileStatus[] statuses;
        try {
            statuses = fs.listStatus(dir);
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
        Map<String, FileStatus> byName = new TreeMap<>();
        for (FileStatus st : statuses) {
            byName.put(st.getPath().getName(), st);
        }
        return byName;
    }

    private int upload(Path dir, Map<String, java.nio.file.Path> jars) throws IOException {
        FileSystem.mkdirs(fs, root, DIR);
        Path temp = new Path(root, "." + dir.getName() + "." + UUID.randomUUID() + ".tmp");
        FileSystem.mkdirs(fs, temp, DIR);
        try {
            for (Map.Entry<String, java.nio.file.Path> jar : jars.entrySet()) {
                Path target = new Path(temp, jar.getKey());
                fs.copyFromLocalFile(false, true, new Path(jar.getValue().toAbsolutePath().toUri()), target);
                fs.setPermission(target, FILE);
            }
            try {
                FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(temp, dir, Options.Rename.NONE);
            } catch (org.apache.hadoop.fs.FileAlreadyExistsException raced) {
                // Another submit of the same build got there first: its copy is the same bytes.
                return 0;
            }
            return jars.size();
        } finally {
            if (fs.exists(temp)) {
                fs.delete(temp, true);
            }
        }
    }

    /** Whether the files of {@code dir} are readable by every user: world-readable, every ancestor world-executable. */
    private boolean publiclyReadable(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            FsAction other = fs.getFileStatus(p).getPermission().getOtherAction();
            if (!other.implies(FsAction.EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    static String contentHash(Map<String, java.nio.file.Path> sorted) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buf = new byte[64 * 1024];
        for (Map.Entry<String, java.nio.file.Path> jar : sorted.entrySet()) {
            sha.update(jar.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try (InputStream in = Files.newInputStream(jar.getValue())) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
