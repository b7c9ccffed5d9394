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
    /** The compression library of the shuffle, which clusters' classpaths do not carry. */
    public static final String LZ4_JAR = "lz4-java.jar";
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
    public static List<String> forAppMaster() {
        return List.of(CORE_JAR, HDFS_INPUT_JAR, LZ4_JAR, AM_JAR, EXECUTOR_JAR, APP_JAR, SPINDLE_CONF, HADOOP_CONF);
    }

    public static List<String> forExecutor() {
        return List.of(CORE_JAR, HDFS_INPUT_JAR, LZ4_JAR, EXECUTOR_JAR, APP_JAR, SPINDLE_CONF, HADOOP_CONF);
    }
}
