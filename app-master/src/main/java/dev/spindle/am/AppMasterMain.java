package dev.spindle.am;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.driver.Driver;
import dev.spindle.yarn.Args;
import dev.spindle.yarn.StagedFiles;
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

import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Entry point of the ApplicationMaster container. Reads the localized configuration, starts the
 * driver in cluster mode, and runs the {@link ApplicationMaster}.
 */
public final class AppMasterMain {
    private static final Logger LOG = LoggerFactory.getLogger(AppMasterMain.class);

    private AppMasterMain() {
    }

    public static void main(String[] args) throws Exception {
        SpindleConf conf;
        try (Reader r = Files.newBufferedReader(Path.of(StagedFiles.SPINDLE_CONF), StandardCharsets.UTF_8)) {
            conf = SpindleConf.read(r);
        }
        YarnConfiguration yarnConf = new YarnConfiguration();
        yarnConf.addResource(StagedFiles.HADOOP_CONF);
        ContainerId containerId = ContainerId.fromString(System.getenv(Environment.CONTAINER_ID.name()));
        String nmHost = System.getenv(Environment.NM_HOST.name());
        boolean clusterMode = "cluster".equals(conf.get(CoreKeys.DEPLOY_MODE));

        ClusterModeDriver clusterDriver = null;
        String driverAddress = conf.get(CoreKeys.DRIVER_ADDRESS);
        if (clusterMode) {
            Driver driver = Driver.start(conf, yarnConf, "0.0.0.0", nmHost);
            driverAddress = driver.address();
            clusterDriver = new ClusterModeDriver(driver, conf.get(CoreKeys.USER_CLASS),
                    Args.decode(conf.get(CoreKeys.USER_ARGS)));
        }
        try {
            new ApplicationMaster(conf, yarnConf, containerId.getApplicationAttemptId(), nmHost, driverAddress,
                    clusterDriver, executorTokens()).run();
        } catch (Exception e) {
            LOG.error("ApplicationMaster failed", e);
            System.exit(1);
        }
        System.exit(0);
    }

    /** The AM's credentials minus its AMRM token, which executors must not hold. */
    private static ByteBuffer executorTokens() throws java.io.IOException {
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
