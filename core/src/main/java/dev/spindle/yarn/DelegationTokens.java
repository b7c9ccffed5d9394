package dev.spindle.yarn;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.DataInputByteBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.SecurityUtil;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenIdentifier;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Collection;

/**
 * Delegation tokens of the file systems an application reads and writes, for a Kerberos-secured
 * cluster: obtained where a Kerberos login is (spindle-submit, or the AM from its keytab) and carried
 * in credentials to the containers, which have none.
 */
public final class DelegationTokens {
    private DelegationTokens() {
    }

    /** Whether {@code conf} says the cluster authenticates with Kerberos. */
    public static boolean kerberos(Configuration conf) {
        return "kerberos".equalsIgnoreCase(conf.get("hadoop.security.authentication", "simple"));
    }

    /**
     * The ResourceManager's principal, which renews the tokens spindle-submit obtains while the
     * application runs and cancels them when it ends.
     *
     * @throws IOException when the configuration does not name it
     */
    public static String resourceManagerPrincipal(Configuration conf) throws IOException {
        String p = conf.get(YarnConfiguration.RM_PRINCIPAL, "");
        if (p.isBlank()) {
            throw new IOException("the cluster uses Kerberos but its configuration does not name the ResourceManager's "
                    + "principal (" + YarnConfiguration.RM_PRINCIPAL + ")");
        }
        String host = conf.getSocketAddr(YarnConfiguration.RM_ADDRESS, YarnConfiguration.DEFAULT_RM_ADDRESS,
                YarnConfiguration.DEFAULT_RM_PORT).getHostName();
        return SecurityUtil.getServerPrincipal(p, host);
    }

    /**
     * The file systems an application needs tokens of: the staging one, the default one, and those of
     * {@code spindle.yarn.access.hadoopFileSystems} ({@code extra}, comma-separated URIs).
     */
    public static java.util.Set<URI> fileSystems(Configuration conf, URI staging, String extra) {
        java.util.Set<URI> out = new java.util.LinkedHashSet<>();
        out.add(staging);
        out.add(FileSystem.getDefaultUri(conf));
        for (String fs : extra.split(",")) {
            if (!fs.isBlank()) {
                out.add(URI.create(fs.trim()));
            }
        }
        return out;
    }

    /**
     * Adds to {@code into} a delegation token of each file system in {@code fileSystems}, renewable by
     * {@code renewer}, as the current user. File systems without tokens (local files) add none.
     */
    public static void obtain(Configuration conf, Collection<URI> fileSystems, String renewer, Credentials into)
            throws IOException {
        for (URI fs : fileSystems) {
            FileSystem.get(fs, conf).addDelegationTokens(renewer, into);
        }
    }

    /**
     * The earliest time any delegation token in {@code credentials} can no longer be renewed (its
     * max date), or {@code Long.MAX_VALUE} if none says.
     */
    public static long earliestMaxDate(Credentials credentials) {
        long earliest = Long.MAX_VALUE;
        for (Token<? extends TokenIdentifier> t : credentials.getAllTokens()) {
            try {
                if (t.decodeIdentifier() instanceof AbstractDelegationTokenIdentifier id && id.getMaxDate() > 0) {
                    earliest = Math.min(earliest, id.getMaxDate());
                }
            } catch (IOException e) {
                // A token this JVM cannot decode says nothing of its lifetime.
            }
        }
        return earliest;
    }

    /** Credentials in the form containers and messages carry them. */
    public static byte[] serialize(Credentials credentials) throws IOException {
        DataOutputBuffer dob = new DataOutputBuffer();
        credentials.writeTokenStorageToStream(dob);
        return java.util.Arrays.copyOf(dob.getData(), dob.getLength());
    }

    public static Credentials deserialize(byte[] bytes) throws IOException {
        Credentials c = new Credentials();
        DataInputByteBuffer in = new DataInputByteBuffer();
        in.reset(ByteBuffer.wrap(bytes));
        c.readTokenStorageStream(in);
        return c;
    }
}
