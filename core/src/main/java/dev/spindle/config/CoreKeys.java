package dev.spindle.config;

import java.util.List;

/** Settings read by more than one Spindle process (submit client, ApplicationMaster, executors, driver). */
public final class CoreKeys {
    private CoreKeys() {
    }

    public static final ConfigKey<String> APP_NAME = ConfigKey.string("spindle.app.name", "",
            "Application name shown by YARN; defaults to the main class.");
    public static final ConfigKey<String> DEPLOY_MODE = ConfigKey.string("spindle.submit.deployMode", "client",
            "Where the driver runs: client (the submit process) or cluster (the ApplicationMaster's container).")
            .oneOf("client", "cluster");
    public static final ConfigKey<Integer> EXECUTOR_INSTANCES = ConfigKey.integer("spindle.executor.instances", 2,
            "Number of executors to ask YARN for.").atLeast(1);
    public static final ConfigKey<Integer> EXECUTOR_CORES = ConfigKey.integer("spindle.executor.cores", 1,
            "Task threads (and YARN vcores) per executor.").atLeast(1);
    public static final ConfigKey<Long> EXECUTOR_MEMORY = ConfigKey.mebibytes("spindle.executor.memory", "1g",
            "Heap of each executor; its container adds the memory overhead.");
    public static final ConfigKey<Long> DRIVER_MEMORY = ConfigKey.mebibytes("spindle.driver.memory", "1g",
            "Heap of the driver: of the ApplicationMaster's container in cluster mode; bin/spindle-submit starts "
                    + "its JVM with it in client mode.");
    public static final ConfigKey<Integer> DRIVER_CORES = ConfigKey.integer("spindle.driver.cores", 1,
            "vcores of the ApplicationMaster's container in cluster mode.").atLeast(1);
    public static final ConfigKey<Long> AM_MEMORY = ConfigKey.mebibytes("spindle.yarn.am.memory", "512m",
            "Heap of the ApplicationMaster in client mode, where it only launches executors.");
    public static final ConfigKey<Double> MEMORY_OVERHEAD_FACTOR = ConfigKey.decimal("spindle.memoryOverheadFactor", 0.10,
            "Off-heap share added to each container's heap to size the YARN request.").between(0, 10);
    public static final ConfigKey<Long> MEMORY_OVERHEAD_MIN = ConfigKey.mebibytes("spindle.memoryOverheadMin", "384m",
            "Least off-heap memory added to each container's heap.");
    public static final ConfigKey<String> DRIVER_HOST = ConfigKey.string("spindle.driver.host", "",
            "Host name executors use to reach a client-mode driver; empty means this machine's name.");
    public static final ConfigKey<Integer> DRIVER_PORT = ConfigKey.integer("spindle.driver.port", 0,
            "Port of the driver's endpoint; 0 picks a free one.").between(0, 65535);
    public static final ConfigKey<String> DRIVER_ADDRESS = ConfigKey.string("spindle.driver.address", "",
            "host:port of the driver's endpoint (set by spindle-submit in client mode).").internalKey();
    public static final ConfigKey<Integer> TASK_MAX_FAILURES = ConfigKey.integer("spindle.task.maxFailures", 4,
            "Attempts of one task before its job fails.").atLeast(1);
    public static final ConfigKey<Double> MIN_REGISTERED_RATIO = ConfigKey.decimal(
            "spindle.scheduler.minRegisteredExecutorsRatio", 0.8,
            "Share of requested executors that must register before the first job's tasks start, unless those "
                    + "registered can start every pending task at once where it is best placed.").between(0, 1);
    public static final ConfigKey<Long> MAX_REGISTERED_WAIT = ConfigKey.millis(
            "spindle.scheduler.maxRegisteredExecutorsWait", "30s",
            "Longest wait for that share before tasks start on the executors there are.");
    public static final ConfigKey<Long> EXECUTOR_HEARTBEAT_INTERVAL = ConfigKey.millis(
            "spindle.executor.heartbeatInterval", "10s",
            "How often an executor tells the driver it is alive.").atLeast(1);
    public static final ConfigKey<Long> NETWORK_TIMEOUT = ConfigKey.millis("spindle.network.timeout", "120s",
            "Silence after which the driver drops an executor, and executors and a client-mode AM give up on the "
                    + "driver; longer than spindle.executor.heartbeatInterval.").atLeast(1);
    public static final ConfigKey<Boolean> NETWORK_CRYPTO = ConfigKey.bool("spindle.network.crypto.enabled", false,
            "Encrypt all of Spindle's traffic (control and shuffle, AES-GCM); connections are authenticated either way.");
    public static final ConfigKey<String> KERBEROS_PRINCIPAL = ConfigKey.string("spindle.kerberos.principal", "",
            "Kerberos principal spindle-submit logs in as (--principal); with a keytab, the AM re-obtains tokens as it.");
    public static final ConfigKey<String> ACCESS_FILESYSTEMS = ConfigKey.string("spindle.yarn.access.hadoopFileSystems",
            "", "Comma-separated file systems (e.g. hdfs://other-nn:8020) to get delegation tokens for besides the default.");
    public static final ConfigKey<String> STAGING_DIR = ConfigKey.string("spindle.yarn.stagingDir", "",
            "This application's staging directory (set by spindle-submit).").internalKey();
    public static final ConfigKey<String> LOCALIZED = ConfigKey.string("spindle.yarn.localized", "",
            "The files containers localize besides the staged configuration, encoded (set by spindle-submit).")
            .internalKey();
    public static final ConfigKey<String> NODE_MANAGER_HOSTS = ConfigKey.string("spindle.yarn.nodeManagerHosts", "",
            "The cluster's running NodeManagers (host:port) when the application was submitted, comma-separated "
                    + "(set by spindle-submit); empty: not known.").internalKey();
    public static final ConfigKey<String> FILES_LOCAL_DIR = ConfigKey.string("spindle.files.localDir", "",
            "Where a client-mode driver finds the files and unpacked archives shipped with the job (set by "
                    + "spindle-submit); empty: the working directory, as in containers.").internalKey();
    public static final ConfigKey<Boolean> UI_ENABLED = ConfigKey.bool("spindle.ui.enabled", true,
            "Serve the application's web UI and JSON API from the driver, behind the ResourceManager's proxy.");
    public static final ConfigKey<Integer> UI_PORT = ConfigKey.integer("spindle.ui.port", 0,
            "Port of the driver's web UI; 0 picks a free one.").between(0, 65535);
    public static final ConfigKey<String> UI_URL = ConfigKey.string("spindle.ui.trackingUrl", "",
            "The client-mode driver's UI, which the ApplicationMaster registers as the tracking URL (set by "
                    + "spindle-submit).").internalKey();
    public static final ConfigKey<String> EVENT_LOG_DIR = ConfigKey.string("spindle.eventLog.dir", "",
            "Where the driver writes the application's event log for bin/spindle-history (a directory on the "
                    + "cluster's file system); empty: no log. The embedded master defaults it to ~/.spindle/event-log.");
    public static final ConfigKey<String> HISTORY_ADDRESS = ConfigKey.string("spindle.history.address", "",
            "host:port of the history server (bin/spindle-history): a finished application's tracking URL points there.");
    /** {@code spindle.executorEnv.NAME=VALUE} sets NAME in every executor's environment. */
    public static final String EXECUTOR_ENV_PREFIX = "spindle.executorEnv.";
    /** {@code spindle.yarn.appMasterEnv.NAME=VALUE} sets NAME in the ApplicationMaster's environment. */
    public static final String AM_ENV_PREFIX = "spindle.yarn.appMasterEnv.";
    public static final ConfigKey<String> USER_CLASS = ConfigKey.string("spindle.submit.mainClass", "",
            "The job's main class (set by spindle-submit).").internalKey();
    public static final ConfigKey<String> USER_ARGS = ConfigKey.string("spindle.submit.args", "",
            "The job's arguments, encoded (set by spindle-submit).").internalKey();

    public static final ConfigKey<Long> MIN_SPLIT_SIZE = ConfigKey.bytes("spindle.input.minSplitSize", "1",
            "Smallest input split; larger values give fewer, bigger map tasks.");
    public static final ConfigKey<Long> MAX_SPLIT_SIZE = ConfigKey.bytes("spindle.input.maxSplitSize", "8t",
            "Largest input split; below the block size it gives more map tasks than blocks.");

    public static final ConfigKey<Integer> DEFAULT_PARALLELISM = ConfigKey.integer("spindle.default.parallelism", 0,
            "Reduce partitions of a shuffle that names none; 0 means as many as the shuffled dataset has.").atLeast(0);

    public static final ConfigKey<Boolean> SHUFFLE_LOCAL_READ = ConfigKey.bool("spindle.shuffle.localRead", true,
            "Read map outputs on the same host straight from disk; false fetches every block over the network.");

    public static final ConfigKey<String> SERIALIZER = ConfigKey.string("spindle.serializer", "java",
            "How records of types without a compact form of their own are written in shuffles, spills and cached "
                    + "partitions: java (serialization) or kryo.").oneOf("java", "kryo");
    public static final ConfigKey<String> KRYO_CLASSES = ConfigKey.string("spindle.kryo.classesToRegister", "",
            "Comma-separated classes Kryo registers up front, so their records carry a number instead of the class name.");
    public static final ConfigKey<Boolean> KRYO_REGISTRATION_REQUIRED = ConfigKey.bool(
            "spindle.kryo.registrationRequired", false,
            "Fail a task that writes a record of a class not registered with Kryo, instead of writing its name.");

    public static final ConfigKey<Boolean> SHUFFLE_COMPRESS = ConfigKey.bool("spindle.shuffle.compress", true,
            "Compress map outputs with LZ4 before they are written to disk and fetched.");

    public static final ConfigKey<Long> MAX_RESULT_SIZE = ConfigKey.bytes("spindle.driver.maxResultSize", "1g",
            "Largest total of one stage's task results a job brings back to the driver (collect); past it the job fails.");

    public static final ConfigKey<Integer> SORT_SPILL_RECORDS = ConfigKey.integer("spindle.shuffle.sortSpillRecords",
            0, "Records a sorting reduce task holds in memory at most before it spills a sorted run to local disk; "
                    + "0: no such bound, its memory budget alone decides.").atLeast(0);

    public static final ConfigKey<Double> SORT_SAMPLE_FRACTION = ConfigKey.decimal("spindle.sort.sampleFraction",
            dev.spindle.task.InputSample.FRACTION, "Share of each uncompressed file split (textFile, binaryRecords) "
                    + "that sortByKey's sample reads to choose its partitions' bounds, in up to 16 stretches of 64 KiB "
                    + "or more spread over the split (one too small for 4 is read whole); 1: all of it, as Spark does.").between(0.001, 1);

    public static final ConfigKey<Double> MEMORY_FRACTION = ConfigKey.decimal("spindle.memory.fraction", 0.6,
            "Share of an executor's heap (above a 300 MiB reserve) for cached partitions, in estimated bytes.")
            .between(0.01, 0.95);

    public static final ConfigKey<Long> LOCALITY_WAIT_NODE = ConfigKey.millis("spindle.locality.wait.node", "3s",
            "How long a free slot waits for a task whose input is on its host before taking one from its rack.");
    public static final ConfigKey<Long> LOCALITY_WAIT_RACK = ConfigKey.millis("spindle.locality.wait.rack", "3s",
            "How much longer it waits for a task from its rack before taking any task.");

    public static final ConfigKey<Integer> MAX_APP_ATTEMPTS = ConfigKey.integer("spindle.yarn.maxAppAttempts", 2,
            "ApplicationMaster attempts (at most the cluster's yarn.resourcemanager.am.max-attempts): a new attempt "
                    + "runs the driver again in cluster mode, reconnects to it in client mode.").atLeast(1);

    public static final ConfigKey<String> APP_ID = ConfigKey.string("spindle.app.id", "",
            "The YARN application id, for the processes' logs (set by spindle-submit).").internalKey();
    public static final ConfigKey<Integer> APP_ATTEMPT = ConfigKey.integer("spindle.app.attempt", 1,
            "The attempt of the driver: the ApplicationMaster attempt in cluster mode, 1 in client mode (set by the AM).")
            .atLeast(1).internalKey();

    /** The keys of this module, as spindle-submit and the documentation find them. */
    public static final class Set implements KeySet {
        @Override
        public String module() {
            return "core";
        }

        @Override
        public List<ConfigKey<?>> keys() {
            return all();
        }
    }

    public static List<ConfigKey<?>> all() {
        return List.of(APP_NAME, DEPLOY_MODE, EXECUTOR_INSTANCES, EXECUTOR_CORES, EXECUTOR_MEMORY, DRIVER_MEMORY,
                DRIVER_CORES, AM_MEMORY, MEMORY_OVERHEAD_FACTOR, MEMORY_OVERHEAD_MIN, DRIVER_HOST, DRIVER_PORT,
                DRIVER_ADDRESS, TASK_MAX_FAILURES, MIN_REGISTERED_RATIO, MAX_REGISTERED_WAIT,
                EXECUTOR_HEARTBEAT_INTERVAL, NETWORK_TIMEOUT, NETWORK_CRYPTO, KERBEROS_PRINCIPAL, ACCESS_FILESYSTEMS, STAGING_DIR, LOCALIZED, NODE_MANAGER_HOSTS, FILES_LOCAL_DIR, UI_ENABLED, UI_PORT, UI_URL, EVENT_LOG_DIR, HISTORY_ADDRESS, USER_CLASS, USER_ARGS, MIN_SPLIT_SIZE,
                MAX_SPLIT_SIZE, DEFAULT_PARALLELISM, SHUFFLE_LOCAL_READ, SHUFFLE_COMPRESS, SERIALIZER, KRYO_CLASSES,
                KRYO_REGISTRATION_REQUIRED,
                SORT_SPILL_RECORDS, SORT_SAMPLE_FRACTION, MEMORY_FRACTION, LOCALITY_WAIT_NODE, LOCALITY_WAIT_RACK, MAX_RESULT_SIZE, MAX_APP_ATTEMPTS, APP_ID, APP_ATTEMPT);
    }

    /** The YARN container size for a JVM of {@code heapMib}: heap plus max(min overhead, factor × heap). */
    public static long containerMebibytes(SpindleConf conf, long heapMib) {
        long overhead = Math.max(conf.get(MEMORY_OVERHEAD_MIN),
                (long) Math.ceil(heapMib * conf.get(MEMORY_OVERHEAD_FACTOR)));
        return heapMib + overhead;
    }
}
