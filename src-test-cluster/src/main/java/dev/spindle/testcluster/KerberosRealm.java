package dev.spindle.testcluster;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.UserGroupInformation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The Kerberos side of a secure embedded cluster: a MiniKdc, one service principal every HDFS and
 * YARN daemon of this JVM logs in as (they share one JVM, and Hadoop keeps one login user per JVM),
 * a SPNEGO principal for the web endpoints, and a principal for the user, each with a keytab.
 *
 * <p>The KDC's krb5.conf becomes this JVM's ({@code java.security.krb5.conf}), and Hadoop's login
 * configuration becomes Kerberos; {@link #close()} puts both back.
 */
final class KerberosRealm implements AutoCloseable {
    private final MiniKdc kdc;
    private final Path dir;
    private final String servicePrincipal;
    private final String httpPrincipal;
    private final String userPrincipal;
    private final Path serviceKeytab;
    private final Path userKeytab;
    private final String previousKrb5Conf;

    private KerberosRealm(MiniKdc kdc, Path dir, String previousKrb5Conf) throws Exception {
        this.kdc = kdc;
        this.dir = dir;
        this.previousKrb5Conf = previousKrb5Conf;
        String realm = kdc.getRealm();
        this.servicePrincipal = "spindle/localhost@" + realm;
        this.httpPrincipal = "HTTP/localhost@" + realm;
        this.userPrincipal = System.getProperty("user.name") + "@" + realm;
        this.serviceKeytab = dir.resolve("service.keytab");
        this.userKeytab = dir.resolve("user.keytab");
        kdc.createPrincipal(serviceKeytab.toFile(), "spindle/localhost", "HTTP/localhost");
        kdc.createPrincipal(userKeytab.toFile(), System.getProperty("user.name"));
    }

    static KerberosRealm start(Path dir) throws IOException {
        Files.createDirectories(dir);
        String previous = System.getProperty(MiniKdc.JAVA_SECURITY_KRB5_CONF);
        MiniKdc kdc = null;
        try {
            Properties conf = MiniKdc.createConf();
            kdc = new MiniKdc(conf, dir.toFile());
            kdc.start();
            return new KerberosRealm(kdc, dir, previous);
        } catch (Exception e) {
            if (kdc != null) {
                kdc.stop();
            }
            throw new IOException("the embedded cluster's KDC did not start: " + e, e);
        }
    }

    /**
     * What every daemon needs: Kerberos authentication, the one service principal and its keytab, and
     * delegation tokens of HDFS that expire after {@code tokenMaxLifetimeMillis} (0: Hadoop's 7 days).
     * The DataNodes run without privileged ports or SASL on data transfer (a test-only switch of
     * HDFS), so no root and no keystores are needed.
     */
    Map<String, String> serviceSettings(long tokenMaxLifetimeMillis) {
        Map<String, String> s = new LinkedHashMap<>(clientSettings());
        s.put("hadoop.security.authorization", "false");
        s.put("dfs.namenode.keytab.file", serviceKeytab.toString());
        s.put("dfs.datanode.kerberos.principal", servicePrincipal);
        s.put("dfs.datanode.keytab.file", serviceKeytab.toString());
        s.put("dfs.web.authentication.kerberos.principal", httpPrincipal);
        s.put("dfs.web.authentication.kerberos.keytab", serviceKeytab.toString());
        s.put("dfs.namenode.kerberos.internal.spnego.principal", httpPrincipal);
        s.put("dfs.block.access.token.enable", "true");
        s.put("ignore.secure.ports.for.testing", "true");
        // The user's principal maps to its short name, which owns nothing in HDFS here.
        s.put("dfs.permissions.enabled", "false");
        s.put("yarn.resourcemanager.keytab", serviceKeytab.toString());
        s.put("yarn.nodemanager.principal", servicePrincipal);
        s.put("yarn.nodemanager.keytab", serviceKeytab.toString());
        if (tokenMaxLifetimeMillis > 0) {
            s.put("dfs.namenode.delegation.token.max-lifetime", Long.toString(tokenMaxLifetimeMillis));
            s.put("dfs.namenode.delegation.token.renew-interval", Long.toString(Math.max(1000, tokenMaxLifetimeMillis / 2)));
            s.put("dfs.namenode.delegation.key.update-interval", Long.toString(Math.max(1000, tokenMaxLifetimeMillis / 2)));
        }
        return s;
    }

    /** What a client of the cluster needs to know: that it is Kerberos, and the services' principals. */
    Map<String, String> clientSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("hadoop.security.authentication", "kerberos");
        s.put("dfs.namenode.kerberos.principal", servicePrincipal);
        s.put("yarn.resourcemanager.principal", servicePrincipal);
        return s;
    }

    /** Makes this JVM's Hadoop logins Kerberos ones, for the daemons about to start in it. */
    void installIn(Configuration conf) {
        UserGroupInformation.setConfiguration(conf);
    }

    String userPrincipal() {
        return userPrincipal;
    }

    Path userKeytab() {
        return userKeytab;
    }

    Path krb5Conf() {
        return kdc.getKrb5conf().toPath();
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        kdc.stop();
        if (previousKrb5Conf == null) {
            System.clearProperty(MiniKdc.JAVA_SECURITY_KRB5_CONF);
        } else {
            System.setProperty(MiniKdc.JAVA_SECURITY_KRB5_CONF, previousKrb5Conf);
        }
        UserGroupInformation.reset();
        UserGroupInformation.setConfiguration(new Configuration());
    }
}
