package dev.spindle.yarn;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One file a container localizes besides the staged configuration: Spindle's jars (from the shared
 * framework cache or the staging directory), the job's jar, and what the user shipped with
 * {@code --jars}, {@code --files} and {@code --archives}. spindle-submit describes each once, with
 * the size and modification time YARN checks, so the ApplicationMaster builds executors' launch
 * contexts without asking the file system again.
 *
 * @param link       the name in the container's working directory (an archive is unpacked into a directory of it)
 * @param uri        the fully qualified path on the cluster's file system
 * @param archive    unpacked by the NodeManager (zip, jar, tar, tar.gz, tgz) rather than linked as it is
 * @param visibility who may share the NodeManager's copy: PUBLIC (every user), PRIVATE (this user's applications)
 *                   or APPLICATION
 * @param forAppMaster  localized into the ApplicationMaster's container
 * @param forExecutors  localized into executors' containers
 * @param classpath  a jar the JVMs load classes from
 */
public record Localized(String link, String uri, boolean archive, LocalResourceVisibility visibility, long size,
                        long timestamp, boolean forAppMaster, boolean forExecutors, boolean classpath) {
    private static final int FIELDS = 9;

    public Localized {
        Objects.requireNonNull(visibility, "visibility");
        if (link == null || link.isEmpty() || link.contains("/") || link.equals(".") || link.equals("..")) {
            throw new IllegalArgumentException("a link name is one path component, not '" + link + "'");
        }
        if (uri == null || !new Path(uri).toUri().isAbsolute()) {
            throw new IllegalArgumentException("a localized file needs a qualified URI, not '" + uri + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be at least 0, not " + size);
        }
    }

    public LocalResource toLocalResource() {
        return LocalResource.newInstance(URL.fromPath(new Path(uri)),
                archive ? LocalResourceType.ARCHIVE : LocalResourceType.FILE, visibility, size, timestamp);
    }

    /** The list as one configuration value. */
    public static String encode(List<Localized> all) {
        List<String> fields = new ArrayList<>(all.size() * FIELDS);
        for (Localized l : all) {
            fields.add(l.link);
            fields.add(l.uri);
            fields.add(Boolean.toString(l.archive));
            fields.add(l.visibility.name());
            fields.add(Long.toString(l.size));
            fields.add(Long.toString(l.timestamp));
            fields.add(Boolean.toString(l.forAppMaster));
            fields.add(Boolean.toString(l.forExecutors));
            fields.add(Boolean.toString(l.classpath));
        }
        return Args.encode(fields);
    }

    public static List<Localized> decode(String encoded) {
        List<String> f = Args.decode(encoded);
        if (f.size() % FIELDS != 0) {
            throw new IllegalArgumentException("a list of localized files has " + f.size() + " fields, not a multiple of "
                    + FIELDS);
        }
        List<Localized> out = new ArrayList<>(f.size() / FIELDS);
        for (int i = 0; i < f.size(); i += FIELDS) {
            out.add(new Localized(f.get(i), f.get(i + 1), Boolean.parseBoolean(f.get(i + 2)),
                    LocalResourceVisibility.valueOf(f.get(i + 3)), Long.parseLong(f.get(i + 4)),
                    Long.parseLong(f.get(i + 5)), Boolean.parseBoolean(f.get(i + 6)), Boolean.parseBoolean(f.get(i + 7)),
                    Boolean.parseBoolean(f.get(i + 8))));
        }
        return out;
    }
}
