package dev.spindle.submit;

import dev.spindle.yarn.DelegationTokens;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who spindle-submit is on a Kerberos-secured cluster: the principal of {@code --principal} logged in
 * from {@code --keytab}, or else the user of the ticket cache ({@code kinit}). Without either it stops
 * before anything is uploaded, in one sentence.
 */
final class KerberosLogin {
    private KerberosLogin() {
    }

    /** The user to submit as; null when the cluster does not use Kerberos. */
    static UserGroupInformation login(Configuration hadoopConf, String principal, String keytab) {
        if (!DelegationTokens.kerberos(hadoopConf)) {
            return null;
        }
        UserGroupInformation.setConfiguration(hadoopConf);
        if (!principal.isBlank() || !keytab.isBlank()) {
            if (principal.isBlank() || keytab.isBlank()) {
                throw new UserError("--principal and --keytab go together: give both, or neither to use the ticket cache");
            }
            if (!Files.isReadable(Path.of(keytab))) {
                throw new UserError("cannot read the keytab " + keytab);
            }
            try {
                return UserGroupInformation.loginUserFromKeytabAndReturnUGI(principal, keytab);
            } catch (IOException | RuntimeException e) {
                throw new UserError("cannot log in to Kerberos as " + principal + " with the keytab " + keytab
                        + ": it holds no key for that principal, or the KDC refused it ("
                        + YarnSubmission.rootMessage(e).strip().replaceAll("\\s+", " ") + ")", e);
            }
        }
        UserGroupInformation ugi;
        try {
            ugi = UserGroupInformation.getCurrentUser();
        } catch (IOException | RuntimeException e) {
            throw noTicket(e);
        }
        if (!ugi.hasKerberosCredentials()) {
            throw noTicket(null);
        }
        return ugi;
    }

    private static UserError noTicket(Exception cause) {
        return new UserError("the cluster uses Kerberos and there is no Kerberos ticket for this user: run kinit or "
                + "pass --principal and --keytab", cause);
    }
}
