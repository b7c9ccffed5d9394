package dev.spindle.submit;

import org.apache.hadoop.security.UserGroupInformation;
import java.security.PrivilegedExceptionAction;
import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.driver.ApplicationSummary;
import dev.spindle.driver.Driver;
import dev.spindle.runtime.ExitCode;
import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.yarn.Args;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * spindle-submit: parses the request, connects to the cluster (starting an embedded one when
 * there is no Hadoop configuration), and submits, follows, queries or kills an application.
 * Everything a user can get wrong ends in one sentence on stderr and a non-zero exit code.
 */
public final class SpindleSubmit {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final long startMillis;
    /** Where Spindle's jars are, when not the installation of {@code -Dspindle.home}. */
    private SpindleHome home;

    /** A run that starts now, as when spindle-submit's code is called from another program or a test. */
    public SpindleSubmit(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, System.currentTimeMillis());
    }

    /** @param startMillis when the run began, for its timeline (the JVM's start for the command) */
    public SpindleSubmit(PrintStream out, PrintStream err, Map<String, String> env, long startMillis) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.startMillis = startMillis;
    }

    /** Stages Spindle's jars from {@code home} rather than from the installation {@code -Dspindle.home} names. */
    public SpindleSubmit withHome(SpindleHome home) {
        this.home = home;
        return this;
    }

    /** Runs the command line; returns the process exit code. */
    public int run(String[] args) {
        return execute(args).exitCode();
    }

    public SubmitResult execute(String[] args) {
        Timeline timeline = new Timeline(startMillis);
        SubmitRequest req;
        try {
            req = SubmitArguments.parse(args, env);
        } catch (UserError e) {
            err.println("spindle-submit: " + e.getMessage());
            return new SubmitResult(e.exitCode(), null, null, e.getMessage(), null);
        }
        try {
            return switch (req.action()) {
                case HELP -> {
                    SubmitArguments.printHelp(new PrintWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8)));
                    yield new SubmitResult(0, null, null, "", null);
                }
                case VERSION -> {
                    out.println("Spindle " + version());
                    yield new SubmitResult(0, null, null, "", null);
                }
                case STATUS, KILL -> withCluster(req, null, (hadoopConf, stagingFs, conf) -> control(hadoopConf)
                        .run(req.action(), req.applicationId()));
                case LIST -> withCluster(req, null, (hadoopConf, stagingFs, conf) -> control(hadoopConf).list());
                case LOGS -> withCluster(req, null, (hadoopConf, stagingFs, conf) -> control(hadoopConf)
                        .logs(req.applicationId(), req.containerId()));
                case SUBMIT -> submit(req, timeline);
            };
        } catch (UserError e) {
            err.println("spindle-submit: " + e.getMessage());
            if (req.verbose() && e.getCause() != null) {
                e.printStackTrace(err);
            }
            return new SubmitResult(e.exitCode(), null, null, e.getMessage(), null);
        } catch (Exception e) {
            err.println("spindle-submit: " + UserMain.describe(e));
            if (req.verbose()) {
                e.printStackTrace(err);
            }
            return new SubmitResult(1, null, null, UserMain.describe(e), null);
        }
    }

    private AppControl control(Configuration hadoopConf) {
        return new AppControl(hadoopConf, out, SubmitKeys.RM_CONNECT_TIMEOUT.defaultValue());
    }

    /**
     * Something to do with a cluster. {@code stagingFs} is where to stage, or null for the default file
     * system.
     */
    private interface ClusterAction {
        SubmitResult apply(Configuration hadoopConf, java.net.URI stagingFs, SpindleConf conf) throws Exception;
    }

    /** Runs {@code action} against the configured cluster, or an embedded one started (and stopped) for it. */
    private SubmitResult withCluster(SubmitRequest req, SpindleConf conf, ClusterAction action) throws Exception {
        if (!req.embedded()) {
            YarnConfiguration hadoopConf = HadoopConfs.fromEnvironment(env);
            if (conf != null) {
                HadoopConfs.applyOverrides(hadoopConf, conf.asMap());
            }
            return action.apply(hadoopConf, null, conf);
        }
        int nodes = req.embeddedNodes() != null ? req.embeddedNodes()
                : conf != null ? conf.get(SubmitKeys.EMBEDDED_NODES) : 1;
        int racks = conf != null ? conf.get(SubmitKeys.EMBEDDED_RACKS) : 0;
        if (racks < 0 || racks > nodes) {
            throw new UserError("spindle.embedded.racks must be between 0 and the number of nodes (" + nodes + "), not "
                    + racks);
        }
        out.println("spindle-submit: no HADOOP_CONF_DIR or YARN_CONF_DIR is set: starting an embedded YARN + HDFS "
                + "cluster of " + nodes + (nodes == 1 ? " node" : " nodes") + " in this process for this run");
        boolean secure = conf != null && conf.get(SubmitKeys.EMBEDDED_SECURE);
        try (EmbeddedCluster cluster = EmbeddedCluster.builder().nodes(nodes).racks(racks).logRetainSeconds(2)
                .logAggregation(true)
                .secure(secure).start()) {
            Configuration hadoopConf = cluster.clientConf();
            java.net.URI hdfs = java.net.URI.create(hadoopConf.get("fs.defaultFS"));
            // The embedded HDFS is gone when this run ends: the job's plain paths mean local files, so
            // input is where the user has it and output stays after the run. Staging uses the HDFS.
            hadoopConf.set("fs.defaultFS", "file:///");
            if (conf != null) {
                HadoopConfs.applyOverrides(hadoopConf, conf.asMap());
            }
            SpindleConf runConf = conf;
            if (secure && conf.get(CoreKeys.KERBEROS_PRINCIPAL).isEmpty()) {
                // The embedded realm's user: what kinit would give on a real cluster.
                runConf = conf.with(CoreKeys.KERBEROS_PRINCIPAL, cluster.userPrincipal())
                        .with(SubmitKeys.KERBEROS_KEYTAB, cluster.userKeytab().toString());
            }
            return action.apply(hadoopConf, hdfs, runConf);
        }
    }

    private SubmitResult submit(SubmitRequest req, Timeline timeline) throws Exception {
        UserMain.check(req.appJar(), req.mainClass());
        SpindleHome home = this.home != null ? this.home : SpindleHome.fromSystemProperty();
        Map<String, java.nio.file.Path> spindleJars = home.jars();
        java.util.List<dev.spindle.config.ConfigKey<?>> known = ConfResolver.knownKeys(spindleJars.values());
        SpindleConf conf = ConfResolver.resolve(home.defaultsFile(), req.propertiesFile(), req.confSettings(),
                req.flagSettings(), known, warning -> err.println("spindle-submit: warning: " + warning));
        if (conf.get(CoreKeys.APP_NAME).isEmpty()) {
            conf = conf.with(CoreKeys.APP_NAME, req.mainClass());
        }
        conf = conf.with(CoreKeys.USER_CLASS, req.mainClass()).with(CoreKeys.USER_ARGS, Args.encode(req.appArgs()));
        if (req.embedded() && !conf.contains(CoreKeys.EVENT_LOG_DIR)) {
            // The embedded cluster goes with the run; its applications' history stays on this machine.
            conf = conf.with(CoreKeys.EVENT_LOG_DIR, SpindleHistoryMain.embeddedEventLogDir());
        }
        java.util.Set<String> reserved = new java.util.HashSet<>(spindleJars.keySet());
        reserved.addAll(java.util.List.of(dev.spindle.yarn.StagedFiles.APP_JAR, dev.spindle.yarn.StagedFiles.SPINDLE_CONF,
                dev.spindle.yarn.StagedFiles.HADOOP_CONF, dev.spindle.yarn.StagedFiles.KEYTAB,
                dev.spindle.yarn.StagedFiles.KRB5_CONF, "tmp"));
        java.util.List<ShippedFiles.Shipped> shipped = ShippedFiles.parse(Map.of(
                ShippedFiles.Kind.JAR, conf.get(SubmitKeys.JARS), ShippedFiles.Kind.FILE, conf.get(SubmitKeys.FILES),
                ShippedFiles.Kind.ARCHIVE, conf.get(SubmitKeys.ARCHIVES)), reserved);
        return withCluster(req, conf, (hadoopConf, stagingFs, runConf) -> {
            timeline.mark("cluster-ready");
            UserGroupInformation user = KerberosLogin.login(hadoopConf, runConf.get(CoreKeys.KERBEROS_PRINCIPAL),
                    runConf.get(SubmitKeys.KERBEROS_KEYTAB));
            if (user == null) {
                return submitTo(req, runConf, hadoopConf, stagingFs, spindleJars, shipped, timeline);
            }
            // Everything from here on (YARN, HDFS, the client-mode driver and the job's main) as that user.
            return user.doAs((PrivilegedExceptionAction<SubmitResult>) () ->
                    submitTo(req, runConf, hadoopConf, stagingFs, spindleJars, shipped, timeline));
        });
    }

    private SubmitResult submitTo(SubmitRequest req, SpindleConf conf, Configuration hadoopConf,
                                  java.net.URI stagingFs, Map<String, java.nio.file.Path> spindleJars,
                                  java.util.List<ShippedFiles.Shipped> shipped, Timeline timeline) throws Exception {
        YarnConfiguration clientConf = HadoopConfs.failFast(hadoopConf, conf.get(SubmitKeys.RM_CONNECT_TIMEOUT));
        boolean clusterMode = "cluster".equals(conf.get(CoreKeys.DEPLOY_MODE));
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            YarnSubmission submission = new YarnSubmission(yarn, hadoopConf, stagingFs, conf);
            submission.prepareStaging(spindleJars);
            yarn.init(clientConf);
            yarn.start();
            ApplicationId appId = submission.create(clientConf.get(YarnConfiguration.RM_ADDRESS));
            timeline.mark("app-id");
            conf = conf.with(CoreKeys.APP_ID, appId.toString())
                    .with(CoreKeys.NODE_MANAGER_HOSTS, submission.runningNodeManagers());
            ApplicationMonitor monitor = new ApplicationMonitor(yarn, appId, out, timeline,
                    conf.get(SubmitKeys.REPORT_INTERVAL));
            try {
                if (clusterMode) {
                    submission.stageAndSubmit(req.appJar(), spindleJars, shipped, conf);
                    timeline.mark("submitted");
                    out.println("spindle-submit: submitted " + appId + " (" + conf.get(CoreKeys.APP_NAME)
                            + ", cluster mode) to queue " + conf.get(SubmitKeys.QUEUE));
                    ApplicationReport report;
                    // The user asked to wait for this application: a Ctrl-C while waiting kills it too.
                    try (ShutdownCleanup cleanup = cleanupOnExit(null, conf, yarn, appId, submission)) {
                        ConsoleProgress progress = consoleProgress(conf, new RemoteStages(yarn, appId));
                        try {
                            report = monitor.awaitEnd(Long.MAX_VALUE);
                        } finally {
                            progress.close();
                        }
                        cleanup.holdIfEnding();
                    }
                    return finish(req, appId, report, null, null, timeline,
                            failureReport(req, conf, hadoopConf, yarn, true));
                }
                return runClientMode(req, conf, hadoopConf, spindleJars, shipped, submission, appId, monitor, yarn,
                        timeline);
            } finally {
                submission.deleteStagingDir();
            }
        }
    }

    private SubmitResult runClientMode(SubmitRequest req, SpindleConf conf, Configuration hadoopConf,
                                       Map<String, java.nio.file.Path> spindleJars,
                                       java.util.List<ShippedFiles.Shipped> shipped, YarnSubmission submission,
                                       ApplicationId appId, ApplicationMonitor monitor, YarnClient yarn,
                                       Timeline timeline) throws Exception {
        String advertised = conf.get(CoreKeys.DRIVER_HOST).isEmpty()
                ? InetAddress.getLocalHost().getHostName() : conf.get(CoreKeys.DRIVER_HOST);
        // Only this process's driver reads the local copies: the staged configuration keeps the containers' own.
        try (ClientModeFiles files = ClientModeFiles.prepare(shipped, hadoopConf);
             Driver driver = Driver.start(conf.with(CoreKeys.FILES_LOCAL_DIR, files.directory().toString()),
                     hadoopConf, submission.secret(), conf.get(SubmitKeys.DRIVER_BIND_ADDRESS), advertised)) {
            timeline.mark("driver-up");
            SpindleConf appConf = conf.with(CoreKeys.DRIVER_ADDRESS, driver.address())
                    .with(CoreKeys.UI_URL, driver.uiUrl());
            submission.stageAndSubmit(req.appJar(), spindleJars, shipped, appConf);
            timeline.mark("submitted");
            out.println("spindle-submit: submitted " + appId + " (" + conf.get(CoreKeys.APP_NAME)
                    + ", client mode, driver at " + driver.address() + ") to queue " + conf.get(SubmitKeys.QUEUE));

            try (ShutdownCleanup cleanup = cleanupOnExit(driver::abort, conf, yarn, appId, submission)) {
                if (submission.unmanagedAm()) {
                    try {
                        startUnmanagedAm(submission, hadoopConf, advertised, driver, yarn, appId,
                                conf.get(SubmitKeys.RM_CONNECT_TIMEOUT));
                    } catch (Exception e) {
                        // Nothing else would ever run its AM: YARN would wait minutes before failing it.
                        try {
                            killUnlessEnded(yarn, appId);
                        } catch (Exception k) {
                            e.addSuppressed(k);
                        }
                        throw e;
                    }
                }
                return followClientMode(req, conf, driver, files.jars(), hadoopConf, appId, monitor, yarn, timeline, cleanup);
            }
        }
    }

    /**
     * Runs the application's AM in this process once YARN made its attempt. An AM that ends without
     * unregistering would leave YARN waiting for its heartbeats for minutes: the application is killed
     * and the driver's jobs failed instead.
     */
    private void startUnmanagedAm(YarnSubmission submission, Configuration hadoopConf, String host, Driver driver,
                                  YarnClient yarn, ApplicationId appId, long timeoutMillis) throws Exception {
        YarnSubmission.UnmanagedAttempt unmanaged = submission.awaitUnmanagedAttempt(Math.max(timeoutMillis, 60_000));
        org.apache.hadoop.yarn.api.records.ApplicationAttemptId attempt = unmanaged.id();
        // As the attempt's own user, as in an AM container: the AM's threads inherit it.
        dev.spindle.am.UnmanagedAm am = unmanaged.user().doAs(
                (PrivilegedExceptionAction<dev.spindle.am.UnmanagedAm>) () -> dev.spindle.am.UnmanagedAm.start(
                        submission.stagedConf(), hadoopConf, attempt, host, submission.amConfFiles(),
                        submission.secret(), submission.amCredentialsForExecutors()));
        Thread watch = new Thread(() -> {
            try {
                ExitCode code = am.await(Long.MAX_VALUE);
                // An AM that unregistered (a failed job's too) leaves its application ending on its own.
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                while (!ApplicationMonitor.FINAL.contains(yarn.getApplicationReport(appId).getYarnApplicationState())) {
                    if (System.nanoTime() > deadline) {
                        driver.abort("the ApplicationMaster " + attempt + " in this process ended (" + code
                                + ") without ending the application");
                        killUnlessEnded(yarn, appId);
                        return;
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                err.println("spindle-submit: could not end " + appId + " after its ApplicationMaster failed: " + e);
            }
        }, "spindle-am-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** The client-mode run once the application is submitted: the job's main, then the application's end. */
    private SubmitResult followClientMode(SubmitRequest req, SpindleConf conf, Driver driver,
                                          java.util.List<java.net.URL> extraJars, Configuration hadoopConf,
                                          ApplicationId appId,
                                          ApplicationMonitor monitor, YarnClient yarn, Timeline timeline,
                                          ShutdownCleanup cleanup) throws Exception {
        // The application may end under the driver (killed, AM failed): jobs must not wait forever.
        AtomicReference<ApplicationReport> ended = new AtomicReference<>();
        Thread watcher = new Thread(() -> {
            try {
                ApplicationReport r = monitor.awaitEnd(Long.MAX_VALUE);
                ended.set(r);
                driver.abort(appId + " ended (" + r.getYarnApplicationState() + "): " + r.getDiagnostics());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                driver.abort("lost track of " + appId + ": " + e.getMessage());
            }
        }, "spindle-app-monitor");
        watcher.setDaemon(true);
        watcher.start();

        cleanup.enterUserMain();
        Throwable failure;
        ConsoleProgress progress = consoleProgress(conf, driver.status()::stages);
        try {
            failure = UserMain.run(req.appJar(), extraJars, req.mainClass(), req.appArgs(), driver);
        } finally {
            progress.close();
            cleanup.userMainReturned();
        }
        ApplicationSummary summary = driver.summary();
        String diagnostics = failure == null ? "" : "User class threw " + UserMain.describe(failure);
        driver.finishApplication(failure == null ? "SUCCEEDED" : "FAILED",
                diagnostics.isEmpty() ? summary.toLine() : diagnostics + "\n" + summary.toLine());
        watcher.join(conf.get(SubmitKeys.FINISH_TIMEOUT));
        watcher.interrupt();
        ApplicationReport report = ended.get();
        if (report == null) {
            report = monitor.awaitEnd(0);
        }
        if (report == null || !ApplicationMonitor.FINAL.contains(report.getYarnApplicationState())) {
            err.println("spindle-submit: " + appId + " did not end within "
                    + conf.get(SubmitKeys.FINISH_TIMEOUT) + " ms of the job's main returning; killing it");
            yarn.killApplication(appId);
            report = monitor.awaitEnd(10_000);
        }
        if (failure != null && req.verbose()) {
            failure.printStackTrace(err);
        }
        SubmitResult result = finish(req, appId, report, failure, summary, timeline,
                failureReport(req, conf, hadoopConf, yarn, failure == null));
        if (driver.failure() != null) {
            err.println("spindle-submit: the driver failed (a bug in Spindle; --verbose shows its stack trace): "
                    + UserMain.describe(driver.failure()));
            if (req.verbose()) {
                driver.failure().printStackTrace(err);
            }
            return result.withExitCode(ExitCode.EVENT_LOOP_FAILED.code());
        }
        return result;
    }

    /**
     * Registers what to undo if the JVM ends (Ctrl-C, SIGTERM) while the application is live; the
     * caller closes it once it is done with the application.
     */
    private ShutdownCleanup cleanupOnExit(java.util.function.Consumer<String> failJobs, SpindleConf conf,
                                          YarnClient yarn, ApplicationId appId, YarnSubmission submission) {
        ShutdownCleanup cleanup = new ShutdownCleanup(failJobs, conf.get(SubmitKeys.INTERRUPT_WAIT),
                () -> killUnlessEnded(yarn, appId), "kill " + appId,
                () -> submission.deleteStagingDirOrThrow() ? "removed its staging directory" : "nothing was staged",
                err, ShutdownCleanup.STEP_TIMEOUT_MILLIS);
        cleanup.register();
        return cleanup;
    }

    private static String killUnlessEnded(YarnClient yarn, ApplicationId appId) throws IOException, YarnException {
        YarnApplicationState state = yarn.getApplicationReport(appId).getYarnApplicationState();
        if (ApplicationMonitor.FINAL.contains(state)) {
            return appId + " had already ended (" + state + ")";
        }
        // Returns once the ResourceManager has the application KILLED.
        yarn.killApplication(appId);
        return "killed " + appId;
    }

    /** The progress line (or lines), started; a closed one when the user turned it off. */
    private ConsoleProgress consoleProgress(SpindleConf conf,
                                            java.util.function.Supplier<java.util.List<dev.spindle.status.StatusViews.Stage>> stages) {
        ConsoleProgress progress = new ConsoleProgress(stages, out, ConsoleProgress.onTerminal(),
                ConsoleProgress.terminalWidth(env), conf.get(SubmitKeys.PROGRESS_INTERVAL), System::currentTimeMillis);
        if (conf.get(SubmitKeys.SHOW_CONSOLE_PROGRESS)) {
            progress.start();
        } else {
            progress.close();
        }
        return progress;
    }

    /** What prints a failed container's stderr once the application failed. */
    private java.util.function.Consumer<ApplicationReport> failureReport(SubmitRequest req, SpindleConf conf,
                                                                         Configuration hadoopConf, YarnClient yarn,
                                                                         boolean amTellsWhy) {
        FailedContainerReport r = new FailedContainerReport(hadoopConf, err, conf.get(SubmitKeys.FAILURE_LOGS_WAIT),
                !req.embedded());
        return report -> r.print(yarn, report, amTellsWhy);
    }

    /** @param failedContainer prints why a container failed, given the failed application's report; or null */
    private SubmitResult finish(SubmitRequest req, ApplicationId appId, ApplicationReport report, Throwable failure,
                                ApplicationSummary clientSummary, Timeline timeline,
                                java.util.function.Consumer<ApplicationReport> failedContainer) {
        timeline.mark("exit");
        String status = report == null ? "UNDEFINED" : report.getFinalApplicationStatus().name();
        String state = report == null ? "UNKNOWN" : report.getYarnApplicationState().name();
        String diagnostics = report == null ? "" : report.getDiagnostics();
        ApplicationSummary summary = clientSummary != null ? clientSummary
                : ApplicationSummary.find(diagnostics).orElse(null);
        if (summary != null) {
            timeline.markAt("first-executor", summary.firstExecutorAtMillis());
            timeline.markAt("first-task", summary.firstTaskAtMillis());
            out.println("spindle-submit: " + JobSummaryText.describe(summary, timeline.sinceStartMillis()));
            out.println("spindle-submit: " + summary.locality().toLine());
        }
        String userDiagnostics = withoutSummary(diagnostics);
        boolean succeeded = failure == null && "SUCCEEDED".equals(status);
        out.println("spindle-submit: " + appId + " finished: " + state + "/" + status);
        if (failure != null) {
            err.println("spindle-submit: the job failed: " + UserMain.describe(failure));
        } else if (!succeeded) {
            err.println("spindle-submit: the application did not succeed: "
                    + (userDiagnostics.isBlank() ? state + "/" + status : userDiagnostics));
        }
        if (!succeeded && failedContainer != null && report != null && !"KILLED".equals(state)) {
            failedContainer.accept(report);
        }
        if (req.verbose()) {
            out.println("spindle-submit: " + timeline.describe());
        }
        String reported = failure != null ? "User class threw " + UserMain.describe(failure) : userDiagnostics;
        return new SubmitResult(succeeded ? ExitCode.SUCCESS.code() : ExitCode.FAILED.code(), appId.toString(), status,
                reported, summary);
    }

    private static String withoutSummary(String diagnostics) {
        StringBuilder sb = new StringBuilder();
        for (String line : diagnostics.split("\n")) {
            if (!line.trim().startsWith(ApplicationSummary.PREFIX) && !line.isBlank()) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(line.trim());
            }
        }
        return sb.toString();
    }

    /** The version and build time written into the jar's manifest at package time. */
    static String version() {
        Package p = SpindleSubmit.class.getPackage();
        String v = p.getImplementationVersion();
        if (v == null) {
            return "(unpackaged classes: no version)";
        }
        String built = null;
        try (java.io.InputStream in = SpindleSubmit.class.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (in != null) {
                built = new java.util.jar.Manifest(in).getMainAttributes().getValue("Build-Time");
            }
        } catch (java.io.IOException e) {
            built = null;
        }
        return v + (built == null ? "" : " (built " + built + ")") + ", Hadoop "
                + org.apache.hadoop.util.VersionInfo.getVersion() + ", Java " + System.getProperty("java.version");
    }
}
