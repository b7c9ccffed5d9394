package dev.spindle.yarn;

import java.util.List;

/**
 * The files spindle-submit uploads to an application's staging directory. Each is localized into
 * the containers that need it under the same name, so the container's working directory holds the
 * jars ({@code {{PWD}}/*} on the classpath) and the two configuration files.
 */
public final class StagedFiles {
    private StagedFiles() {
    }

    public static final String APP_JAR = "__app__.jar";
    public static final String CORE_JAR = "spindle-core.jar";
    public static final String HDFS_INPUT_JAR = "spindle-hdfs-input.jar";
    public static final String AM_JAR = "spindle-app-master.jar";
    public static final String EXECUTOR_JAR = "spindle-executor-launcher.jar";
    public static final String SPINDLE_CONF = "__spindle_conf__.properties";
    public static final String HADOOP_CONF = "__spindle_hadoop_conf__.xml";
    /** The user's keytab, staged (owner-only) for the ApplicationMaster alone when spindle-submit got one. */
    public static final String KEYTAB = "__spindle_keytab__";
    /**
     * The krb5.conf spindle-submit was started with ({@code -Djava.security.krb5.conf}), staged with the
     * keytab: the AM logs in with the same realm settings, wherever the node keeps its own.
     */
    public static final String KRB5_CONF = "__spindle_krb5__.conf";

    /**
     * What the ApplicationMaster's container localizes: what it needs, plus what executors need.
     * YARN localizes an application's files once per node, so executors placed on the AM's node then
     * start without a localizer run of their own; the extra bytes are ones that node downloads anyway
     * as soon as it hosts an executor.
     */
    public static List<String> forAppMaster(List<String> libraries) {
        List<String> out = new java.util.ArrayList<>(List.of(CORE_JAR, HDFS_INPUT_JAR, AM_JAR, EXECUTOR_JAR, APP_JAR,
                SPINDLE_CONF, HADOOP_CONF));
        out.addAll(libraries);
        return out;
    }

    /** @param libraries the staged third-party jars core needs ({@link #libraries}) */
    public static List<String> forExecutor(List<String> libraries) {
        List<String> out = new java.util.ArrayList<>(List.of(CORE_JAR, HDFS_INPUT_JAR, EXECUTOR_JAR, APP_JAR,
                SPINDLE_CONF, HADOOP_CONF));
        out.addAll(libraries);
        return out;
    }

    /**
     * The names of the third-party jars spindle-submit staged beside Spindle's own (lz4-java, Kryo and
     * theirs, which clusters do not put on containers' classpaths), from {@code spindle.yarn.stagedLibraries}.
     */
    public static List<String> libraries(dev.spindle.config.SpindleConf conf) {
        String names = conf.get(dev.spindle.config.CoreKeys.STAGED_LIBRARIES);
        return names.isBlank() ? List.of() : List.of(names.split(","));
    }
}
