package dev.spindle.submit;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the user ships with the job: {@code --jars}, {@code --files} and {@code --archives}, comma lists
 * of local paths or URIs of the cluster's file systems, each with an optional {@code #name} that links
 * it under another name, as spark-submit reads them. The same source listed twice is shipped once; two
 * sources under one link name, or a link name Spindle's own files use, are refused in one sentence.
 */
final class ShippedFiles {
    enum Kind {
        JAR("--jars"), FILE("--files"), ARCHIVE("--archives");

        final String option;

        Kind(String option) {
            this.option = option;
        }
    }

    /**
     * One shipped file.
     *
     * @param source a {@code file:} URI for a local file, else the URI as given (e.g. {@code hdfs://nn/lib/x.jar})
     * @param link   the name in containers' working directories
     */
    record Shipped(URI source, String link, Kind kind) {
        boolean local() {
            return "file".equals(source.getScheme());
        }

        Path localPath() {
            return Path.of(source);
        }
    }

    private ShippedFiles() {
    }

    /**
     * @param lists    the comma lists by kind (blank or missing: nothing)
     * @param reserved link names Spindle's own files use
     */
    static List<Shipped> parse(Map<Kind, String> lists, Collection<String> reserved) {
        Map<String, Shipped> byLink = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            String list = lists.getOrDefault(kind, "");
            if (list == null || list.isBlank()) {
                continue;
            }
            for (String entry : list.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                Shipped s = one(entry.trim(), kind);
                if (reserved.contains(s.link())) {
                    throw new UserError(kind.option + " " + entry.trim() + " would be linked as " + s.link()
                            + ", a name Spindle's own files use: rename it with #name", 2, null);
                }
                Shipped before = byLink.get(s.link());
                if (before == null) {
                    byLink.put(s.link(), s);
                } else if (!before.source().equals(s.source()) || before.kind() != s.kind()) {
                    throw new UserError(before.kind().option + " " + before.source() + " and " + kind.option + " "
                            + s.source() + " would both be linked as " + s.link()
                            + ": give one another name with #name", 2, null);
                }
            }
        }
        return List.copyOf(byLink.values());
    }

    private static Shipped one(String entry, Kind kind) {
        int hash = entry.lastIndexOf('#');
        String location = hash < 0 ? entry : entry.substring(0, hash);
        String rename = hash < 0 ? null : entry.substring(hash + 1);
        if (location.isEmpty()) {
            throw new UserError(kind.option + " has an entry with no path: '" + entry + "'", 2, null);
        }
        URI source = sourceOf(location, kind);
        String lower = source.getPath().toLowerCase(java.util.Locale.ROOT);
        if (kind == Kind.ARCHIVE && !(lower.endsWith(".zip") || lower.endsWith(".jar") || lower.endsWith(".tar")
                || lower.endsWith(".tar.gz") || lower.endsWith(".tgz"))) {
            throw new UserError("--archives " + location + " is not a zip, jar, tar, tar.gz or tgz archive (YARN "
                    + "unpacks by the name's ending)", 2, null);
        }
        if ("file".equals(source.getScheme())) {
            Path p = Path.of(source);
            if (!Files.exists(p)) {
                throw new UserError(kind.option + " " + location + " does not exist", 2, null);
            }
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw new UserError(kind.option + " " + location + " is not a readable file", 2, null);
            }
        }
        String link = rename != null ? rename : lastComponent(source.getPath());
        if (link.isEmpty() || link.contains("/") || link.equals(".") || link.equals("..")) {
            throw new UserError(kind.option + " " + entry + ": '" + link + "' is not a file name to link it under", 2,
                    null);
        }
        return new Shipped(source, link, kind);
    }

    private static URI sourceOf(String location, Kind kind) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getScheme().length() == 1) {
            // A plain local path (a one-letter "scheme" is a Windows drive).
            return Path.of(location).toAbsolutePath().normalize().toUri();
        }
        if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().endsWith("/")) {
            throw new UserError(kind.option + " " + location + " does not name a file", 2, null);
        }
        return uri;
    }

    private static String lastComponent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The shipped jars' link names, in order. */
    static List<String> jarLinks(List<Shipped> shipped) {
        List<String> out = new ArrayList<>();
        for (Shipped s : shipped) {
            if (s.kind() == Kind.JAR) {
                out.add(s.link());
            }
        }
        return out;
    }
}
