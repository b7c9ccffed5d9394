package dev.spindle.submit;

import dev.spindle.config.ConfigKey;
import dev.spindle.config.KeySet;

import java.util.List;

/** Settings of spindle-submit itself. */
public final class SubmitKeys {
    private SubmitKeys() {
    }

    public static final ConfigKey<String> QUEUE = ConfigKey.string("spindle.yarn.queue", "default",
            "YARN queue the application is submitted to.");
    public static final ConfigKey<Long> REPORT_INTERVAL = ConfigKey.millis("spindle.yarn.report.interval", "200ms",
            "How often spindle-submit polls the application's state.").atLeast(1);
    public static final ConfigKey<Long> RM_CONNECT_TIMEOUT = ConfigKey.millis("spindle.yarn.rm.connectTimeout", "10s",
            "How long spindle-submit tries to reach the ResourceManager before giving up.").atLeast(1);
    public static final ConfigKey<Long> FINISH_TIMEOUT = ConfigKey.millis("spindle.yarn.finishTimeout", "30s",
            "In client mode, how long to wait for the ApplicationMaster to unregister after the job's main returns.");
    public static final ConfigKey<Long> INTERRUPT_WAIT = ConfigKey.millis("spindle.submit.interruptWait", "5s",
            "On Ctrl-C or SIGTERM in client mode, how long to wait for the job's main to fail and remove its "
                    + "uncommitted output before killing the application.");
    public static final ConfigKey<String> AM_JAVA_OPTIONS = ConfigKey.string("spindle.yarn.am.extraJavaOptions", "",
            "Extra JVM options of the ApplicationMaster (which hosts the driver in cluster mode); in client mode they"
                    + " follow -XX:TieredStopAtLevel=1 -XX:+UseSerialGC, which start an AM that only asks for containers sooner.");
    public static final ConfigKey<String> DRIVER_BIND_ADDRESS = ConfigKey.string("spindle.driver.bindAddress",
            "0.0.0.0", "Address a client-mode driver listens on (spindle.driver.host is the name executors are told).")
            .allowing(s -> !s.isBlank(), "an address, not blank");
    public static final ConfigKey<String> VIEW_ACLS = ConfigKey.string("spindle.acls.view", "",
            "Who besides the owner may view the application in YARN (report, logs): 'user1,user2 group1,group2' or *.")
            .allowing(AppAcls::valid, "a YARN ACL: users, then optionally a space and groups, or *");
    public static final ConfigKey<String> MODIFY_ACLS = ConfigKey.string("spindle.acls.modify", "",
            "Who besides the owner may kill or move the application: 'user1,user2 group1,group2' or *.")
            .allowing(AppAcls::valid, "a YARN ACL: users, then optionally a space and groups, or *");
    public static final ConfigKey<String> KERBEROS_KEYTAB = ConfigKey.string("spindle.kerberos.keytab", "",
            "Keytab of spindle.kerberos.principal (--keytab); shipped to the AM alone, so tokens outlive their lifetime.");
    public static final ConfigKey<Boolean> EMBEDDED_SECURE = ConfigKey.bool("spindle.embedded.secure", false,
            "Secure the embedded cluster with Kerberos (its own KDC); the run logs in as its test user.");
    public static final ConfigKey<Integer> EMBEDDED_NODES = ConfigKey.integer("spindle.embedded.nodes", 1,
            "Nodes of the embedded cluster the embedded master starts.").between(1, 64);
    public static final ConfigKey<Integer> EMBEDDED_RACKS = ConfigKey.integer("spindle.embedded.racks", 0,
            "Racks the embedded cluster's nodes are spread over (node i in /rack-(i mod R + 1)); 0: no racks.").atLeast(0);
    public static final ConfigKey<String> DRIVER_JAVA_OPTIONS = ConfigKey.string("spindle.driver.extraJavaOptions", "",
            "Extra JVM options of the driver (--driver-java-options): the ApplicationMaster's in cluster mode; in "
                    + "client mode bin/spindle-submit starts its JVM with them.");
    public static final ConfigKey<String> JARS = ConfigKey.string("spindle.jars", "",
            "Comma-separated jars (local paths or cluster URIs, optional #name) on the driver's and executors' "
                    + "class paths (--jars).");
    public static final ConfigKey<String> FILES = ConfigKey.string("spindle.files", "",
            "Comma-separated files (local paths or cluster URIs, optional #name) in every container's working "
                    + "directory; SpindleFiles.get(name) finds them (--files).");
    public static final ConfigKey<String> ARCHIVES = ConfigKey.string("spindle.archives", "",
            "Comma-separated zip, jar, tar, tar.gz or tgz archives unpacked into a directory of their (#)name in "
                    + "every container (--archives).");
    public static final ConfigKey<String> TAGS = ConfigKey.string("spindle.yarn.tags", "",
            "Comma-separated YARN application tags, for finding the application with YARN's tools.");
    public static final ConfigKey<Integer> PRIORITY = ConfigKey.integer("spindle.yarn.priority", 0,
            "YARN application priority within its queue (higher first), when set; the queue's default otherwise.")
            .atLeast(0);
    public static final ConfigKey<String> AM_NODE_LABELS = ConfigKey.string("spindle.yarn.am.nodeLabelExpression", "",
            "YARN node label the ApplicationMaster's container must be on.")
            .allowing(s -> s.isEmpty() || s.trim().matches("[A-Za-z0-9][A-Za-z0-9_\\-.]*"),
                    "one node label (YARN takes no && or || in a label expression)");
    public static final ConfigKey<Boolean> UNMANAGED_AM = ConfigKey.bool("spindle.yarn.am.unmanaged", false,
            "In client mode, run the ApplicationMaster inside spindle-submit (YARN's unmanaged AM) instead of in a "
                    + "container: executors are asked for about two seconds sooner, but the AM has no second attempt "
                    + "and no container logs; not with a keytab, whose token renewal needs the AM container.");
    public static final ConfigKey<String> FRAMEWORK_CACHE_DIR = ConfigKey.string("spindle.yarn.frameworkCache.dir",
            ".spindle/framework", "Where Spindle's jars are uploaded once per build for every later submit "
                    + "(relative to the home directory unless absolute); empty: upload them with each application.");
    public static final ConfigKey<Long> FAILURE_LOGS_WAIT = ConfigKey.millis("spindle.submit.failureLogsWait", "30s",
            "When an application fails, how long to wait for YARN to aggregate the failed container's logs to "
                    + "show the last lines of its stderr.");
    public static final ConfigKey<Boolean> SHOW_CONSOLE_PROGRESS = ConfigKey.bool("spindle.ui.showConsoleProgress", true,
            "Show the running stages' progress on spindle-submit's output: a redrawn line on a terminal, a line per "
                    + "stage start and end elsewhere.");
    public static final ConfigKey<Long> PROGRESS_INTERVAL = ConfigKey.millis("spindle.ui.consoleProgress.interval",
            "200ms", "How often the console progress looks at the stages.").atLeast(10);

    /** The keys of this module, as spindle-submit and the documentation find them. */
    public static final class Set implements KeySet {
        @Override
        public String module() {
            return "yarn-client";
        }

        @Override
        public List<ConfigKey<?>> keys() {
            return all();
        }
    }

    public static List<ConfigKey<?>> all() {
        return List.of(QUEUE, REPORT_INTERVAL, RM_CONNECT_TIMEOUT, FINISH_TIMEOUT, INTERRUPT_WAIT, AM_JAVA_OPTIONS,
                DRIVER_BIND_ADDRESS, VIEW_ACLS, MODIFY_ACLS, KERBEROS_KEYTAB, EMBEDDED_SECURE,
                EMBEDDED_NODES, EMBEDDED_RACKS, DRIVER_JAVA_OPTIONS, JARS, FILES, ARCHIVES, TAGS, PRIORITY,
                AM_NODE_LABELS, UNMANAGED_AM, FRAMEWORK_CACHE_DIR, FAILURE_LOGS_WAIT, SHOW_CONSOLE_PROGRESS, PROGRESS_INTERVAL);
    }
}
