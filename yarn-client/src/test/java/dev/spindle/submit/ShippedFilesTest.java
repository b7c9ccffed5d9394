package dev.spindle.submit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShippedFilesTest {
    @TempDir
    Path dir;

    private Path file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), name);
    }

    private static List<ShippedFiles.Shipped> parse(String jars, String files, String archives) {
        return ShippedFiles.parse(Map.of(ShippedFiles.Kind.JAR, jars, ShippedFiles.Kind.FILE, files,
                ShippedFiles.Kind.ARCHIVE, archives), Set.of("__app__.jar", "spindle-core.jar"));
    }

    @Test
    void linkNamesAreFileNamesOrTheGivenRenames() throws IOException {
        Path lib = file("lib.jar");
        Path lookup = file("lookup.txt");
        Path dict = file("dict.tar.gz");
        List<ShippedFiles.Shipped> s = parse(lib + ",hdfs://nn:8020/shared/other.jar#extra.jar",
                lookup + "#codes", dict + "#dict");
        assertEquals(List.of("lib.jar", "extra.jar", "codes", "dict"), s.stream().map(ShippedFiles.Shipped::link).toList());
        assertEquals(lib.toUri(), s.get(0).source());
        assertTrue(s.get(0).local());
        assertEquals(URI.create("hdfs://nn:8020/shared/other.jar"), s.get(1).source());
        assertEquals(false, s.get(1).local(), "the cluster's files are localized from where they are");
        assertEquals(List.of("lib.jar", "extra.jar"), ShippedFiles.jarLinks(s));
        assertEquals(ShippedFiles.Kind.ARCHIVE, s.get(3).kind());
    }

    @Test
    void theSameSourceTwiceIsShippedOnce() throws IOException {
        Path lib = file("lib.jar");
        List<ShippedFiles.Shipped> s = parse(lib + "," + lib + ", ," + dir.resolve("./lib.jar"), "", "");
        assertEquals(1, s.size());
    }

    @Test
    void twoSourcesUnderOneLinkNameAreRefused() throws IOException {
        Path a = file("a.txt");
        Files.createDirectories(dir.resolve("other"));
        Path b = Files.writeString(dir.resolve("other").resolve("a.txt"), "b");
        UserError e = assertThrows(UserError.class, () -> parse("", a + "," + b, ""));
        assertEquals("--files " + a.toUri() + " and --files " + b.toUri() + " would both be linked as a.txt: "
                + "give one another name with #name", e.getMessage());
        Path zip = file("a.zip");
        UserError kinds = assertThrows(UserError.class, () -> parse("", a.toString(), zip + "#a.txt"));
        assertTrue(kinds.getMessage().contains("would both be linked as a.txt"), kinds.getMessage());
    }

    @Test
    void spindlesOwnNamesAreRefused() throws IOException {
        Path core = file("spindle-core.jar");
        UserError e = assertThrows(UserError.class, () -> parse(core.toString(), "", ""));
        assertEquals("--jars " + core + " would be linked as spindle-core.jar, a name Spindle's own files use: "
                + "rename it with #name", e.getMessage());
        assertEquals("mine.jar", parse(core + "#mine.jar", "", "").get(0).link());
    }

    @Test
    void badEntriesGetOneSentence() throws IOException {
        assertEquals("--files " + dir.resolve("missing.txt") + " does not exist",
                assertThrows(UserError.class, () -> parse("", dir.resolve("missing.txt").toString(), "")).getMessage());
        assertEquals("--files " + dir + " is not a readable file",
                assertThrows(UserError.class, () -> parse("", dir.toString(), "")).getMessage());
        Path zip = file("x.rar");
        assertTrue(assertThrows(UserError.class, () -> parse("", "", zip.toString())).getMessage()
                .startsWith("--archives " + zip + " is not a zip, jar, tar, tar.gz or tgz archive"));
        Path f = file("f.txt");
        assertTrue(assertThrows(UserError.class, () -> parse("", f + "#a/b", "")).getMessage()
                .contains("'a/b' is not a file name to link it under"));
        assertTrue(assertThrows(UserError.class, () -> parse("", "hdfs://nn/dir/", "")).getMessage()
                .contains("does not name a file"));
    }
}
