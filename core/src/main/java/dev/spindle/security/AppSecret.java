package dev.spindle.security;

import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The one secret of an application: every Spindle process of the application holds it, no other
 * process does. spindle-submit generates it; it travels only inside YARN credentials (the container's
 * token file, readable by the application's user alone), never on a command line, in an environment
 * variable or in a log: {@link #toString()} does not show it.
 *
 * <p>Immutable and thread-safe; {@link #hmac} makes a new {@link Mac} per call.
 */
public final class AppSecret {
    /** Bytes of a secret: 256 random bits. */
    public static final int BYTES = 32;
    /** The alias under which the secret is kept in YARN credentials. */
    public static final Text ALIAS = new Text("spindle.application.secret");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private AppSecret(byte[] key) {
        if (key.length != BYTES) {
            throw new IllegalArgumentException("an application secret has " + BYTES + " bytes, not " + key.length);
        }
        this.key = key.clone();
    }

    /** A new random secret, for a new application. */
    public static AppSecret generate() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return new AppSecret(key);
    }

    /** The secret held in {@code credentials}, or null if they hold none. */
    public static AppSecret from(Credentials credentials) {
        byte[] key = credentials.getSecretKey(ALIAS);
        return key == null ? null : new AppSecret(key);
    }

    /**
     * The secret of the application this container belongs to, from the credentials YARN gave the
     * container.
     *
     * @throws IOException if the container was started without one
     */
    public static AppSecret ofThisContainer() throws IOException {
        // Read from the container's token file when YARN names it: logging in through
        // UserGroupInformation costs half a second at start-up, and the secret is all that is needed
        // to register; the login can then happen off the critical path.
        String tokenFile = System.getenv(UserGroupInformation.HADOOP_TOKEN_FILE_LOCATION);
        AppSecret s = tokenFile != null && new java.io.File(tokenFile).isFile()
                ? from(Credentials.readTokenStorageFile(new java.io.File(tokenFile),
                        new org.apache.hadoop.conf.Configuration(false)))
                : from(UserGroupInformation.getCurrentUser().getCredentials());
        if (s == null) {
            throw new IOException("this container's credentials hold no Spindle application secret ("
                    + ALIAS + "): it was not started by spindle-submit or by this application's ApplicationMaster");
        }
        return s;
    }

    /** Adds this secret to {@code credentials}, to be shipped in a container launch context. */
    public void addTo(Credentials credentials) {
        credentials.addSecretKey(ALIAS, key.clone());
    }

    /** HMAC-SHA256 under this secret over the concatenation of {@code parts}. */
    public byte[] hmac(byte[]... parts) {
        return hmacUnder(key, parts);
    }

    /** HMAC-SHA256 under {@code key} over the concatenation of {@code parts}. */
    public static byte[] hmacUnder(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256", e);
        }
    }

    /** Whether {@code other} is the same secret, compared in constant time. */
    public boolean sameAs(AppSecret other) {
        return java.security.MessageDigest.isEqual(key, other.key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppSecret s && sameAs(s);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hmac("hash".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return "AppSecret[hidden]";
    }
}
