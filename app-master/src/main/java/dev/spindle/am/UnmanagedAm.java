package dev.spindle.am;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.runtime.ExitCode;
import dev.spindle.security.AppSecret;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The ApplicationMaster of a client-mode application run inside spindle-submit, as YARN's unmanaged
 * AM: no container is allocated, localized and started for it, which saves the seconds that takes
 * before the first executor can be asked for. It is the same {@link ApplicationMaster} the AM container
 * runs, reaching the driver over the same authenticated connection; only its attempt is the one
 * YARN made for the unmanaged application (there is no second: its failure is the submit's).
 *
 * <p>The caller must hold the attempt's AMRM token in its current user's credentials before
 * {@link #start}. The AM runs on a thread of its own ({@code spindle-am}) and its usual threads;
 * {@link #await} may be called from any thread.
 */
public final class UnmanagedAm {
    private static final Logger LOG = LoggerFactory.getLogger(UnmanagedAm.class);

    private final CompletableFuture<ExitCode> exit = new CompletableFuture<>();
    private final Thread thread;

    private UnmanagedAm(ApplicationMaster am, ApplicationAttemptId attempt) {
        this.thread = new Thread(() -> {
            try {
                exit.complete(am.run());
            } catch (InterruptedException e) {
                LOG.warn("ApplicationMaster {} interrupted before the application ended", attempt);
                exit.complete(ExitCode.UNCAUGHT_ERROR);
            } catch (RuntimeException | Error e) {
                LOG.error("ApplicationMaster {} failed", attempt, e);
                exit.complete(ExitCode.UNCAUGHT_ERROR);
            }
        }, "spindle-am");
        thread.setDaemon(true);
    }

    /**
     * Starts the AM of {@code attempt}.
     *
     * @param stagedConf     the application's configuration as staged for its containers
     * @param host           this host, as the AM registers it
     * @param confFiles      the staged configuration files, as executor containers localize them
     * @param executorTokens the credentials executor containers get: the secret and delegation tokens,
     *                       never the AMRM token
     */
    public static UnmanagedAm start(SpindleConf stagedConf, Configuration yarnConf, ApplicationAttemptId attempt,
                                    String host, Map<String, LocalResource> confFiles, AppSecret secret,
                                    ByteBuffer executorTokens) {
        SpindleConf conf = stagedConf.with(CoreKeys.APP_ATTEMPT, Integer.toString(attempt.getAttemptId()));
        String driverAddress = conf.get(CoreKeys.DRIVER_ADDRESS);
        YarnNodeManagerClient nm = new YarnNodeManagerClient(yarnConf);
        ExecutorStarter.Factory starters = () -> AppMasterMain.executorLauncher(conf, yarnConf, nm, driverAddress,
                executorTokens::duplicate, confFiles);
        ApplicationMaster am = AppMasterMain.overYarn(conf, yarnConf, new AmAttempt(attempt, 1), host,
                () -> driverAddress, null, starters, nm, secret,
                java.util.concurrent.CompletableFuture.completedFuture(conf.get(CoreKeys.UI_URL)),
                () -> AppMasterMain.deleteStagingDir(conf, yarnConf));
        UnmanagedAm u = new UnmanagedAm(am, attempt);
        LOG.info("ApplicationMaster {} runs in this process (unmanaged)", attempt);
        u.thread.start();
        return u;
    }

    /** The AM's exit code once it has unregistered, waiting at most {@code millis}. */
    public ExitCode await(long millis) throws InterruptedException, TimeoutException {
        try {
            return exit.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the ApplicationMaster's future never fails", e);
        }
    }

    /** Whether the AM has ended. */
    public boolean ended() {
        return exit.isDone();
    }
}
