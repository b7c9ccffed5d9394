package dev.spindle.submit;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.Sizes;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses spindle-submit's command line in spark-submit's habits: options first, then the
 * application jar, then the job's own arguments (passed on untouched, dashes and all).
 * Every mistake becomes a {@link UserError} with exit code 2.
 */
public final class SubmitArguments {
    public static final String USAGE = "spindle-submit [options] --class MAIN_CLASS APP_JAR [APP_ARGS...]\n"
            + "       spindle-submit --status APP_ID | --kill APP_ID | --list | --logs APP_ID [--container ID]";

    private SubmitArguments() {
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("master").hasArg().argName("MASTER")
                .desc("yarn (the cluster of HADOOP_CONF_DIR or YARN_CONF_DIR), or embedded[:N] (a YARN + HDFS cluster "
                        + "of N nodes in this process); default: yarn when either variable is set, else embedded").build());
        o.addOption(Option.builder().longOpt("deploy-mode").hasArg().argName("MODE")
                .desc("client (default): the driver runs here; cluster: it runs in the ApplicationMaster").build());
        o.addOption(Option.builder().longOpt("class").hasArg().argName("CLASS").desc("the job's main class").build());
        o.addOption(Option.builder().longOpt("name").hasArg().argName("NAME").desc("application name").build());
        o.addOption(Option.builder().longOpt("queue").hasArg().argName("QUEUE").desc("YARN queue (default: default)").build());
        o.addOption(Option.builder().longOpt("num-executors").hasArg().argName("N").desc("executors (default: 2)").build());
        o.addOption(Option.builder().longOpt("executor-cores").hasArg().argName("N")
                .desc("task threads per executor (default: 1)").build());
        o.addOption(Option.builder().longOpt("executor-memory").hasArg().argName("MEM")
                .desc("heap per executor, e.g. 1g (default: 1g)").build());
        o.addOption(Option.builder().longOpt("driver-memory").hasArg().argName("MEM")
                .desc("heap of the driver: the ApplicationMaster's in cluster mode, bin/spindle-submit's JVM in "
                        + "client mode (default: 1g)").build());
        o.addOption(Option.builder().longOpt("driver-cores").hasArg().argName("N")
                .desc("vcores of the driver's container in cluster mode (default: 1)").build());
        o.addOption(Option.builder().longOpt("driver-java-options").hasArg().argName("OPTS")
                .desc("extra JVM options of the driver").build());
        o.addOption(Option.builder().longOpt("jars").hasArg().argName("JARS")
                .desc("comma list of jars for the driver's and executors' class paths (local or cluster paths, #name renames)")
                .build());
        o.addOption(Option.builder().longOpt("files").hasArg().argName("FILES")
                .desc("comma list of files put in every container's working directory (SpindleFiles.get(name))").build());
        o.addOption(Option.builder().longOpt("archives").hasArg().argName("ARCHIVES")
                .desc("comma list of archives unpacked into every container's working directory").build());
        o.addOption(Option.builder().longOpt("principal").hasArg().argName("PRINCIPAL")
                .desc("on a Kerberos cluster, log in as this principal (with --keytab) instead of the ticket cache").build());
        o.addOption(Option.builder().longOpt("keytab").hasArg().argName("FILE")
                .desc("the keytab of --principal; shipped to the ApplicationMaster alone, to renew tokens").build());
        o.addOption(Option.builder().longOpt("conf").hasArg().argName("KEY=VALUE")
                .desc("a spindle.* setting; spindle.hadoop.X sets Hadoop's X (repeatable)").build());
        o.addOption(Option.builder().longOpt("properties-file").hasArg().argName("FILE")
                .desc("settings file (default: conf/spindle-defaults.conf)").build());
        o.addOption(Option.builder().longOpt("status").hasArg().argName("APP_ID").desc("print an application's state").build());
        o.addOption(Option.builder().longOpt("kill").hasArg().argName("APP_ID").desc("kill an application").build());
        o.addOption(Option.builder().longOpt("list").desc("list your running Spindle applications").build());
        o.addOption(Option.builder().longOpt("logs").hasArg().argName("APP_ID")
                .desc("print an application's aggregated container logs").build());
        o.addOption(Option.builder().longOpt("container").hasArg().argName("CONTAINER_ID")
                .desc("with --logs: only this container's logs").build());
        o.addOption(Option.builder().longOpt("verbose").desc("more output, stack traces and a start-up timeline").build());
        o.addOption(Option.builder("h").longOpt("help").desc("print this help").build());
        o.addOption(Option.builder().longOpt("version").desc("print Spindle's version").build());
        return o;
    }

    public static void printHelp(PrintWriter out) {
        new HelpFormatter().printHelp(out, 100, USAGE, "\nOptions:", options(), 2, 2,
                "\nWith no HADOOP_CONF_DIR or YARN_CONF_DIR, jobs run on an embedded cluster started for the run.");
        out.flush();
    }

    public static SubmitRequest parse(String[] args, Map<String, String> env) {
        CommandLine cl;
        try {
            cl = DefaultParser.builder().setAllowPartialMatching(false).build().parse(options(), args, true);
        } catch (UnrecognizedOptionException e) {
            throw usage("unknown option '" + e.getOption() + "'");
        } catch (MissingArgumentException e) {
            throw usage("option --" + e.getOption().getLongOpt() + " needs a value");
        } catch (ParseException e) {
            throw usage(e.getMessage());
        }
        List<String> rest = cl.getArgList();
        if (!rest.isEmpty() && rest.get(0).startsWith("-") && !rest.get(0).equals("-")) {
            throw usage("unknown option '" + rest.get(0) + "'");
        }
        boolean verbose = cl.hasOption("verbose");
        String master = cl.getOptionValue("master",
                env.containsKey("HADOOP_CONF_DIR") || env.containsKey("YARN_CONF_DIR") ? "yarn" : "embedded");
        checkMaster(master);

        Map<String, String> flags = new LinkedHashMap<>();
        if (cl.hasOption("deploy-mode")) {
            String mode = cl.getOptionValue("deploy-mode");
            if (!mode.equals("client") && !mode.equals("cluster")) {
                throw usage("--deploy-mode must be client or cluster, not '" + mode + "'");
            }
            flags.put(CoreKeys.DEPLOY_MODE.name(), mode);
        }
        putIfPresent(cl, "name", CoreKeys.APP_NAME.name(), flags);
        putIfPresent(cl, "queue", SubmitKeys.QUEUE.name(), flags);
        putIfPresent(cl, "principal", CoreKeys.KERBEROS_PRINCIPAL.name(), flags);
        putIfPresent(cl, "keytab", SubmitKeys.KERBEROS_KEYTAB.name(), flags);
        putIfPresent(cl, "driver-java-options", SubmitKeys.DRIVER_JAVA_OPTIONS.name(), flags);
        putIfPresent(cl, "jars", SubmitKeys.JARS.name(), flags);
        putIfPresent(cl, "files", SubmitKeys.FILES.name(), flags);
        putIfPresent(cl, "archives", SubmitKeys.ARCHIVES.name(), flags);
        if (cl.hasOption("driver-cores")) {
            flags.put(CoreKeys.DRIVER_CORES.name(), positive("--driver-cores", cl.getOptionValue("driver-cores")));
        }
        if (cl.hasOption("num-executors")) {
            flags.put(CoreKeys.EXECUTOR_INSTANCES.name(), positive("--num-executors", cl.getOptionValue("num-executors")));
        }
        if (cl.hasOption("executor-cores")) {
            flags.put(CoreKeys.EXECUTOR_CORES.name(), positive("--executor-cores", cl.getOptionValue("executor-cores")));
        }
        if (cl.hasOption("executor-memory")) {
            flags.put(CoreKeys.EXECUTOR_MEMORY.name(), memory("--executor-memory", cl.getOptionValue("executor-memory")));
        }
        if (cl.hasOption("driver-memory")) {
            flags.put(CoreKeys.DRIVER_MEMORY.name(), memory("--driver-memory", cl.getOptionValue("driver-memory")));
        }
        Map<String, String> confs = new LinkedHashMap<>();
        String[] confValues = cl.getOptionValues("conf");
        if (confValues != null) {
            for (String kv : confValues) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw usage("--conf needs KEY=VALUE, not '" + kv + "'");
                }
                String key = kv.substring(0, eq).trim();
                if (!key.startsWith("spindle.")) {
                    throw usage("--conf " + key + " is not a Spindle setting: keys start with 'spindle.' "
                            + "(Hadoop settings as spindle.hadoop." + key + ")");
                }
                confs.put(key, kv.substring(eq + 1));
            }
        }
        Path props = cl.hasOption("properties-file") ? Path.of(cl.getOptionValue("properties-file")) : null;

        SubmitRequest.Action action;
        String appId = null;
        if (cl.hasOption("help")) {
            action = SubmitRequest.Action.HELP;
        } else if (cl.hasOption("version")) {
            action = SubmitRequest.Action.VERSION;
        } else if (cl.hasOption("status") || cl.hasOption("kill") || cl.hasOption("list") || cl.hasOption("logs")) {
            List<String> given = java.util.stream.Stream.of("status", "kill", "list", "logs").filter(cl::hasOption)
                    .map(o -> "--" + o).toList();
            if (given.size() > 1) {
                throw usage(String.join(" and ", given) + " cannot be combined");
            }
            if (cl.hasOption("list")) {
                action = SubmitRequest.Action.LIST;
            } else if (cl.hasOption("logs")) {
                action = SubmitRequest.Action.LOGS;
                appId = cl.getOptionValue("logs");
            } else {
                action = cl.hasOption("status") ? SubmitRequest.Action.STATUS : SubmitRequest.Action.KILL;
                appId = cl.getOptionValue(cl.hasOption("status") ? "status" : "kill");
            }
        } else {
            action = SubmitRequest.Action.SUBMIT;
            if (!cl.hasOption("class")) {
                throw usage("no --class given: name the job's main class");
            }
            if (rest.isEmpty()) {
                throw usage("no application jar given");
            }
        }
        if (cl.hasOption("container") && action != SubmitRequest.Action.LOGS) {
            throw usage("--container goes with --logs APP_ID");
        }
        Path jar = action == SubmitRequest.Action.SUBMIT ? Path.of(rest.get(0)) : null;
        List<String> appArgs = action == SubmitRequest.Action.SUBMIT ? rest.subList(1, rest.size()) : List.of();
        return new SubmitRequest(action, master, cl.getOptionValue("class"), jar, appArgs, flags, confs, props, appId,
                cl.getOptionValue("container"), verbose);
    }

    private static void checkMaster(String master) {
        if (master.equals("yarn") || master.equals("embedded")) {
            return;
        }
        if (master.startsWith("embedded:")) {
            positive("--master embedded:N", master.substring("embedded:".length()));
            return;
        }
        throw usage("--master must be yarn, embedded or embedded:N, not '" + master + "'");
    }

    private static void putIfPresent(CommandLine cl, String opt, String key, Map<String, String> into) {
        if (cl.hasOption(opt)) {
            into.put(key, cl.getOptionValue(opt));
        }
    }

    private static String positive(String what, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return String.valueOf(n);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw usage(what + " needs a whole number of at least 1, not '" + value + "'");
    }

    private static String memory(String what, String value) {
        try {
            return Sizes.parseMebibytes(what, value) + "m";
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private static UserError usage(String message) {
        return new UserError(message + " (see spindle-submit --help)", 2, null);
    }
}
