package dev.spindle.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Expands an input path as Hadoop's FileInputFormat does: a file, a directory (its files; hidden
 * names starting with {@code _} or {@code .} are skipped, as are subdirectories), or a glob; several
 * paths may be given separated by commas.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * @throws InputException if a path does not exist or a glob matches nothing
     */
    public static List<FileStatus> list(String input, Configuration conf) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        for (String part : input.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            Path path = new Path(p);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null) {
                throw new InputException("input " + p + " does not exist");
            }
            if (matches.length == 0) {
                throw new InputException("input pattern " + p + " matches no files");
            }
            for (FileStatus m : matches) {
                if (m.isDirectory()) {
                    FileStatus[] children = fs.listStatus(m.getPath(), c -> !hidden(c.getName()));
                    Arrays.stream(children).filter(FileStatus::isFile).forEach(out::add);
                } else {
                    out.add(m);
                }
            }
        }
        out.sort(Comparator.comparing(s -> s.getPath().toString()));
        return out;
    }

    private static boolean hidden(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }
}
