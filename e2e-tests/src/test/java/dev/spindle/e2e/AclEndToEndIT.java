package dev.spindle.e2e;

import dev.spindle.testcluster.EmbeddedCluster;
import dev.spindle.testcluster.SpindleClusterTest;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.spindle.e2e.PausedJobs.onlyRunningApplication;
import static dev.spindle.e2e.PausedJobs.pausedAfterMapStage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * YARN's application ACLs on a cluster that enforces them (no admins, no queue administrators): the
 * owner alone may see and kill an application, unless {@code spindle.acls.view} / {@code .modify} name
 * others. Other users are real YARN callers here (remote users of the ResourceManager).
 */
@SpindleClusterTest(conf = {"yarn.acl.enable=true", "yarn.admin.acl= ",
        "yarn.scheduler.capacity.root.acl_administer_queue= ",
        "yarn.scheduler.capacity.root.default.acl_administer_queue= "})
class AclEndToEndIT {

    @Test
    void onlyTheOwnerAndTheNamedUsersSeeOrKillTheApplication(EmbeddedCluster cluster, @TempDir Path dir)
            throws Exception {
        CompletableFuture<Submitter.Run> running = pausedAfterMapStage(cluster, dir, "--deploy-mode", "cluster",
                "--num-executors", "1", "--conf", "spindle.acls.view=viewer", "--conf", "spindle.acls.modify=operator");
        ApplicationId app = onlyRunningApplication(cluster);

        // YARN blanks what a user without VIEW_APP sees of an application.
        assertEquals("N/A", as("stranger", cluster, c -> c.getApplicationReport(app)).getHost());
        assertNotEquals("N/A", as("viewer", cluster, c -> c.getApplicationReport(app)).getHost());
        for (String user : new String[]{"stranger", "viewer"}) {
            assertThrows(Exception.class, () -> as(user, cluster, c -> {
                c.killApplication(app);
                return null;
            }), user + " may not kill it");
        }
        assertEquals(YarnApplicationState.RUNNING, cluster.applications().stream()
                .filter(r -> r.getApplicationId().equals(app)).findFirst().orElseThrow().getYarnApplicationState());

        // The operator may: the application ends killed, and spindle-submit says so.
        as("operator", cluster, c -> {
            c.killApplication(app);
            return null;
        });
        Submitter.Run run = running.get(5, TimeUnit.MINUTES);
        assertNotEquals(0, run.exitCode());
        assertEquals(YarnApplicationState.KILLED, cluster.applications().stream()
                .filter(r -> r.getApplicationId().equals(app)).findFirst().orElseThrow().getYarnApplicationState());
    }

    private interface YarnCall<T> {
        T call(YarnClient client) throws Exception;
    }

    private static <T> T as(String user, EmbeddedCluster cluster, YarnCall<T> call) throws Exception {
        return UserGroupInformation.createRemoteUser(user).doAs((PrivilegedExceptionAction<T>) () -> {
            try (YarnClient c = YarnClient.createYarnClient()) {
                c.init(cluster.clientConf());
                c.start();
                return call.call(c);
            }
        });
    }
}
