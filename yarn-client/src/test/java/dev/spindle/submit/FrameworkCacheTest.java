package dev.spindle.submit;

import dev.spindle.yarn.Localized;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache on the local file system, which has the same rename and permission semantics it relies on. */
class FrameworkCacheTest {
    @TempDir
    java.nio.file.Path local;

    private Map<String, java.nio.file.Path> jars(String coreContent) throws IOException {
        Map<String, java.nio.file.Path> jars = new LinkedHashMap<>();
        jars.put("spindle-core.jar", Files.writeString(local.resolve("core.jar"), coreContent));
        jars.put("spindle-app-master.jar", Files.writeString(local.resolve("am.jar"), "am"));
        return jars;
    }

    private FrameworkCache cache(java.nio.file.Path root) throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        return new FrameworkCache(fs, fs.makeQualified(new Path(root.toUri())));
    }

    @Test
    void uploadsOncePerContentAndReusesAfterwards() throws IOException {
        java.nio.file.Path root = local.resolve("cache");
        FrameworkCache cache = cache(root);
        FrameworkCache.Result first = cache.ensure(jars("core v1"), n -> true, n -> !n.equals("spindle-app-master.jar"));
        assertEquals(2, first.uploaded());
        FrameworkCache.Result again = cache.ensure(jars("core v1"), n -> true, n -> !n.equals("spindle-app-master.jar"));
        assertEquals(0, again.uploaded(), "the same build uploads nothing");
        assertEquals(first.files(), again.files(), "same files, sizes and times");
        try (var dirs = Files.list(root)) {
            assertEquals(1, dirs.count(), "no temporary directory is left behind");
        }
        Localized am = first.files().stream().filter(l -> l.link().equals("spindle-app-master.jar")).findFirst()
                .orElseThrow();
        assertTrue(am.forAppMaster());
        assertEquals(false, am.forExecutors());
        assertTrue(am.classpath());

        FrameworkCache.Result rebuilt = cache.ensure(jars("core v2"), n -> true, n -> true);
        assertEquals(2, rebuilt.uploaded(), "another build gets a directory of its own");
        assertNotEquals(first.dir(), rebuilt.dir());
    }

    @Test
    void aDamagedCacheDirectoryIsReportedNotUsed() throws IOException {
        java.nio.file.Path root = local.resolve("cache");
        FrameworkCache cache = cache(root);
        FrameworkCache.Result first = cache.ensure(jars("core v1"), n -> true, n -> true);
        Files.delete(java.nio.file.Path.of(first.dir().toUri()).resolve("spindle-core.jar"));
        IOException missing = assertThrows(IOException.class, () -> cache.ensure(jars("core v1"), n -> true, n -> true));
        assertTrue(missing.getMessage().contains("lacks or has a different spindle-core.jar"), missing.getMessage());
        assertTrue(missing.getMessage().contains("remove the directory"), missing.getMessage());
    }

    @Test
    void publicOnlyWhenEveryoneCanReachTheFiles() throws IOException {
        java.nio.file.Path closed = Files.createDirectory(local.resolve("closed"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        List<Localized> privateFiles = cache(closed.resolve("cache")).ensure(jars("c"), n -> true, n -> true).files();
        assertTrue(privateFiles.stream().allMatch(l -> l.visibility() == LocalResourceVisibility.PRIVATE));

        // Every directory from / down must let others through: open the test's own one. Only that one:
        // its parent is the machine's temporary directory (sticky and writable by all), not the test's.
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rwxr-xr-x"));
        java.nio.file.Path open = Files.createDirectory(local.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        boolean parentsOpen = true;
        for (java.nio.file.Path p = local.getParent(); p != null; p = p.getParent()) {
            parentsOpen &= Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
        }
        List<Localized> files = cache(open.resolve("cache")).ensure(jars("c"), n -> true, n -> true).files();
        assertEquals(parentsOpen ? LocalResourceVisibility.PUBLIC : LocalResourceVisibility.PRIVATE,
                files.get(0).visibility());
    }
}
