package dev.spindle.am;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.driver.Driver;
import dev.spindle.driver.Topology;
import dev.spindle.runtime.ExitCode;
import dev.spindle.runtime.FatalErrorHandler;
import dev.spindle.security.AppSecret;
import dev.spindle.yarn.Args;
import dev.spindle.yarn.DelegationTokens;
import dev.spindle.yarn.LaunchContexts;
import dev.spindle.yarn.StagedFiles;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.security.AMRMTokenIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Entry point of the ApplicationMaster container: reads the localized configuration, starts the
 * driver in cluster mode (on a thread of its own, while the AM registers: {@link DriverStartup}), wires
 * the {@link ApplicationMaster} to YARN, runs it and exits with the {@link ExitCode} it returns.
 */
public final class AppMasterMain {
    private static final Logger LOG = LoggerFactory.getLogger(AppMasterMain.class);

    private AppMasterMain() {
    }

    public static void main(String[] args) {
        FatalErrorHandler.install("ApplicationMaster");
        ExitCode code;
        try {
            code = run();
        } catch (Exception e) {
            LOG.error("ApplicationMaster failed", e);
            code = ExitCode.UNCAUGHT_ERROR;
        }
        System.exit(code.code());
    }

    private static ExitCode run() throws Exception {
        SpindleConf staged;
        try (Reader r = Files.newBufferedReader(java.nio.file.Path.of(StagedFiles.SPINDLE_CONF), StandardCharsets.UTF_8)) {
            staged = SpindleConf.read(r);
        }
        YarnConfiguration yarnConf = new YarnConfiguration();
        yarnConf.addResource(StagedFiles.HADOOP_CONF);
        ContainerId containerId = ContainerId.fromString(System.getenv(Environment.CONTAINER_ID.name()));
        String nmHost = System.getenv(Environment.NM_HOST.name());
        AmAttempt attempt = new AmAttempt(containerId.getApplicationAttemptId(), Math.min(
                staged.get(CoreKeys.MAX_APP_ATTEMPTS), yarnConf.getInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS,
                        YarnConfiguration.DEFAULT_RM_AM_MAX_ATTEMPTS)));
        SpindleConf conf = staged.with(CoreKeys.APP_ATTEMPT, Integer.toString(attempt.number()));
        LOG.info("ApplicationMaster {}: attempt {} of at most {}", attempt, attempt.number(), attempt.maxAttempts());

        AppSecret secret = AppSecret.ofThisContainer();
        ClusterModeDriver hosted = null;
        String clientDriver = conf.get(CoreKeys.DRIVER_ADDRESS);
        TransportDriverLink.Address driverAddress = () -> clientDriver;
        // Client mode: the driver in spindle-submit serves the UI and said where.
        CompletableFuture<String> trackingUrl = CompletableFuture.completedFuture(conf.get(CoreKeys.UI_URL));
        if ("cluster".equals(conf.get(CoreKeys.DEPLOY_MODE))) {
            // Its own copy of the configuration: the RM client reads this one meanwhile.
            YarnConfiguration driverConf = new YarnConfiguration(yarnConf);
            DriverStartup startup = DriverStartup.begin(() -> Driver.start(conf, driverConf, secret, "0.0.0.0", nmHost));
            driverAddress = () -> startup.await().address();
            trackingUrl = startup.uiUrl();
            hosted = new ClusterModeDriver(startup, conf.get(CoreKeys.USER_CLASS), Args.decode(conf.get(CoreKeys.USER_ARGS)));
        }
        TransportDriverLink.Address executorsReach = driverAddress;
        YarnNodeManagerClient nm = new YarnNodeManagerClient(yarnConf);
        AtomicReference<ByteBuffer> tokens = new AtomicReference<>(executorTokens());
        ExecutorStarter.Factory starters = () -> {
            List<dev.spindle.yarn.Localized> confFiles = StagedFiles.confFilesFromEnvironment();
            Path staging = new Path(conf.get(CoreKeys.STAGING_DIR));
            return executorLauncher(conf, yarnConf, nm, executorsReach.get(), tokens::get, confFiles != null
                    ? LaunchContexts.withLocalized(new java.util.HashMap<>(), confFiles, false)
                    : LaunchContexts.localResources(staging.getFileSystem(yarnConf), staging, StagedFiles.CONF_FILES));
        };
        ApplicationMaster am = overYarn(conf, yarnConf, attempt, nmHost,
                driverAddress, hosted, starters, nm, secret, trackingUrl, () -> deleteStagingDir(conf, yarnConf));
        TokenRefresher refresher = null;
        String principal = conf.get(CoreKeys.KERBEROS_PRINCIPAL);
        if (DelegationTokens.kerberos(yarnConf) && !principal.isEmpty()
                && Files.exists(java.nio.file.Path.of(StagedFiles.KEYTAB))) {
            if (Files.exists(java.nio.file.Path.of(StagedFiles.KRB5_CONF))) {
                // Before anything reads Kerberos settings: the realm spindle-submit logged in to.
                System.setProperty("java.security.krb5.conf", java.nio.file.Path.of(StagedFiles.KRB5_CONF)
                        .toAbsolutePath().toString());
            }
            refresher = TokenRefresher.start(principal, StagedFiles.KEYTAB, yarnConf,
                    DelegationTokens.fileSystems(yarnConf, new Path(conf.get(CoreKeys.STAGING_DIR)).toUri(),
                            conf.get(CoreKeys.ACCESS_FILESYSTEMS)), fresh -> {
                        try {
                            tokens.set(executorTokens());
                            am.publishTokens(DelegationTokens.serialize(fresh));
                        } catch (IOException e) {
                            LOG.warn("Could not hand on new delegation tokens: {}", e.toString());
                        }
                    });
        }
        try {
            return am.run();
        } finally {
            if (refresher != null) {
                refresher.close();
            }
        }
    }

    /** The history server's page of this application, when there is a server and an event log for it. */
    static String historyUrl(SpindleConf conf) {
        String history = conf.get(CoreKeys.HISTORY_ADDRESS);
        if (history.isEmpty() || conf.get(CoreKeys.EVENT_LOG_DIR).isEmpty()) {
            return "";
        }
        return (history.startsWith("http") ? history : "http://" + history) + "/history/" + conf.get(CoreKeys.APP_ID)
                + "/";
    }

    /** The ApplicationMaster over the real parts: YARN's clients, the driver over the network, the cluster's racks. */
    static ApplicationMaster overYarn(SpindleConf conf, org.apache.hadoop.conf.Configuration yarnConf,
                                      AmAttempt attempt, String nmHost, TransportDriverLink.Address driverAddress,
                                      HostedDriver hostedDriver, ExecutorStarter.Factory starters,
                                      NodeManagerClient nm, dev.spindle.security.AppSecret secret,
                                      CompletableFuture<String> trackingUrl, Runnable cleanup) {
        return new ApplicationMaster(conf, attempt, nmHost,
                new YarnResourceManagerClient(yarnConf, conf.get(AmKeys.HEARTBEAT_FAST),
                        conf.get(AmKeys.EXECUTOR_NODE_LABELS), trackingUrl, historyUrl(conf)), nm, starters,
                new TransportDriverLink(driverAddress,
                        dev.spindle.protocol.TransportSecurity.of(secret, conf.get(CoreKeys.NETWORK_CRYPTO))), hostedDriver, new Topology(yarnConf)::knownRackOf,
                dev.spindle.placement.HostMatcher.Resolver.SYSTEM, System::currentTimeMillis, cleanup);
    }

    /**
     * What starts executors: in containers holding the staged configuration files ({@code confFiles})
     * and the files the configuration lists, with the executor environment, told to reach the driver
     * at {@code executorsReach}.
     */
    static ExecutorLauncher executorLauncher(SpindleConf conf, org.apache.hadoop.conf.Configuration yarnConf,
            NodeManagerClient nm, String executorsReach, java.util.function.Supplier<ByteBuffer> tokens,
            java.util.Map<String, org.apache.hadoop.yarn.api.records.LocalResource> confFiles) {
        List<dev.spindle.yarn.Localized> files = StagedFiles.localized(conf);
        return new ExecutorLauncher(nm, LaunchContexts.withLocalized(new java.util.HashMap<>(confFiles), files, false),
                LaunchContexts.environment(yarnConf, files,
                        LaunchContexts.userVariables(conf, CoreKeys.EXECUTOR_ENV_PREFIX)),
                conf, executorsReach, tokens);
    }

    static void deleteStagingDir(SpindleConf conf, org.apache.hadoop.conf.Configuration yarnConf) {
        String dir = conf.get(CoreKeys.STAGING_DIR);
        if (dir.isEmpty()) {
            return;
        }
        try {
            Path p = new Path(dir);
            p.getFileSystem(yarnConf).delete(p, true);
        } catch (IOException e) {
            LOG.warn("Could not delete the staging directory {}: {}", dir, e.toString());
        }
    }

    /**
     * The AM's credentials minus its AMRM token, which executors must not hold: the application's
     * secret and, on a secure cluster, its delegation tokens.
     */
    private static ByteBuffer executorTokens() throws IOException {
        Credentials credentials = UserGroupInformation.getCurrentUser().getCredentials();
        Iterator<Token<?>> it = credentials.getAllTokens().iterator();
        while (it.hasNext()) {
            if (it.next().getKind().equals(AMRMTokenIdentifier.KIND_NAME)) {
                it.remove();
            }
        }
        DataOutputBuffer dob = new DataOutputBuffer();
        credentials.writeTokenStorageToStream(dob);
        return ByteBuffer.wrap(dob.getData(), 0, dob.getLength());
    }
}
