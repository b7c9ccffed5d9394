package dev.spindle.yarn;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pieces of a container launch context shared by the submit client (for the AM) and the AM (for executors). */
public final class LaunchContexts {
    private LaunchContexts() {
    }

    /** The staged files as YARN local resources, each linked under its own name. */
    public static Map<String, LocalResource> localResources(FileSystem fs, Path stagingDir, List<String> names)
            throws IOException {
        Map<String, LocalResource> out = new HashMap<>();
        for (String name : names) {
            FileStatus st = fs.getFileStatus(new Path(stagingDir, name));
            out.put(name, LocalResource.newInstance(URL.fromPath(fs.makeQualified(st.getPath())),
                    LocalResourceType.FILE, LocalResourceVisibility.APPLICATION, st.getLen(),
                    st.getModificationTime()));
        }
        return out;
    }

    /** The listed files meant for the AM ({@code appMaster}) or for executors, added to {@code into}. */
    public static Map<String, LocalResource> withLocalized(Map<String, LocalResource> into, List<Localized> files,
                                                           boolean appMaster) {
        for (Localized f : files) {
            if (appMaster ? f.forAppMaster() : f.forExecutors()) {
                into.put(f.link(), f.toLocalResource());
            }
        }
        return into;
    }

    /**
     * The container environment: the user's variables ({@code spindle.executorEnv.*} or
     * {@code spindle.yarn.appMasterEnv.*}), then CLASSPATH: the working directory (configuration files),
     * the localized jars (those linked under a name without {@code .jar} by name, as the {@code *}
     * wildcard skips them), then the cluster's own Hadoop classpath ({@code yarn.application.classpath}),
     * as a Hadoop installation supplies it.
     */
    public static Map<String, String> environment(Configuration yarnConf, List<Localized> files,
                                                  Map<String, String> userVariables) {
        List<String> cp = new ArrayList<>();
        cp.add(Environment.PWD.$$());
        cp.add(Environment.PWD.$$() + "/*");
        for (Localized f : files) {
            if (f.classpath() && !f.link().endsWith(".jar")) {
                cp.add(Environment.PWD.$$() + "/" + f.link());
            }
        }
        String[] hadoop = yarnConf.getStrings(YarnConfiguration.YARN_APPLICATION_CLASSPATH,
                YarnConfiguration.DEFAULT_YARN_CROSS_PLATFORM_APPLICATION_CLASSPATH);
        for (String entry : hadoop) {
            cp.add(entry.trim());
        }
        Map<String, String> env = new LinkedHashMap<>(userVariables);
        env.put(Environment.CLASSPATH.name(), String.join(ApplicationConstants.CLASS_PATH_SEPARATOR, cp));
        return env;
    }

    /** The variables set by {@code prefix + NAME = VALUE} settings. */
    public static Map<String, String> userVariables(dev.spindle.config.SpindleConf conf, String prefix) {
        Map<String, String> out = new java.util.TreeMap<>();
        conf.asMap().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** The command that starts a Spindle JVM in a container, its output going to the container's log dir. */
    public static List<String> javaCommand(long heapMib, String extraJavaOptions, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Environment.JAVA_HOME.$$() + "/bin/java");
        cmd.add("-Xmx" + heapMib + "m");
        cmd.add("-Djava.io.tmpdir=" + Environment.PWD.$$() + "/tmp");
        cmd.add("-Dlog4j.configuration=spindle-log4j.properties");
        if (extraJavaOptions != null && !extraJavaOptions.isBlank()) {
            cmd.add(extraJavaOptions.trim());
        }
        cmd.add(mainClass);
        for (String a : args) {
            cmd.add(shellQuote(a));
        }
        cmd.add("1>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stdout");
        cmd.add("2>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stderr");
        return List.of(String.join(" ", cmd));
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
