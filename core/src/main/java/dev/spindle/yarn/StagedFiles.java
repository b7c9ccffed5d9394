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

    /** The staged configuration files every container localizes from the staging directory. */
    public static final List<String> CONF_FILES = List.of(SPINDLE_CONF, HADOOP_CONF);

    /**
     * The AM's environment variable in which spindle-submit lists the staged configuration files as
     * they were localized for the AM (size, time), encoded as {@link Localized#encode}: the AM builds
     * executors' launch contexts from it without a round trip to the file system, which is the
     * first use of HDFS in the AM and costs most of a second while executors wait.
     */
    public static final String CONF_FILES_ENV = "SPINDLE_STAGED_CONF_FILES";

    /** The staged configuration files as spindle-submit listed them for this AM, or null when it did not. */
    public static List<Localized> confFilesFromEnvironment() {
        String encoded = System.getenv(CONF_FILES_ENV);
        return encoded == null || encoded.isEmpty() ? null : Localized.decode(encoded);
    }

    /** What spindle-submit listed for the containers to localize ({@code spindle.yarn.localized}). */
    public static List<Localized> localized(dev.spindle.config.SpindleConf conf) {
        return Localized.decode(conf.get(dev.spindle.config.CoreKeys.LOCALIZED));
    }
}
