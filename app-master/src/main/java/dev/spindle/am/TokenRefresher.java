package dev.spindle.am;

import dev.spindle.util.DaemonThreads;
import dev.spindle.yarn.DelegationTokens;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.security.PrivilegedExceptionAction;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps an application's delegation tokens alive past their lifetime on a Kerberos cluster: logs in
 * from the keytab spindle-submit shipped to the AM, and obtains new tokens when three quarters of the
 * current ones' life is over, handing them on (to this process's user, to new executors' launch
 * contexts and, through the driver, to running executors).
 *
 * <p>Threading: runs on a timer thread of its own; {@code onNew} is called there.
 */
final class TokenRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);
    static final double RENEW_AT = 0.75;
    static final long MIN_DELAY_MILLIS = 1_000;
    static final long RETRY_MILLIS = 10_000;

    private final UserGroupInformation keytabUser;
    private final Configuration conf;
    private final Collection<URI> fileSystems;
    private final Consumer<Credentials> onNew;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            new DaemonThreads("spindle-token-refresher"));

    private TokenRefresher(UserGroupInformation keytabUser, Configuration conf, Collection<URI> fileSystems,
                           Consumer<Credentials> onNew) {
        this.keytabUser = keytabUser;
        this.conf = conf;
        this.fileSystems = fileSystems;
        this.onNew = onNew;
    }

    /**
     * Logs in as {@code principal} from {@code keytab} and schedules the first refresh from the
     * lifetime of the tokens this process holds now.
     */
    static TokenRefresher start(String principal, String keytab, Configuration conf, Collection<URI> fileSystems,
                                Consumer<Credentials> onNew) throws IOException {
        UserGroupInformation.setConfiguration(conf);
        UserGroupInformation user = UserGroupInformation.loginUserFromKeytabAndReturnUGI(principal, keytab);
        TokenRefresher r = new TokenRefresher(user, conf, fileSystems, onNew);
        long expires = DelegationTokens.earliestMaxDate(UserGroupInformation.getCurrentUser().getCredentials());
        r.scheduleFor(expires);
        LOG.info("Logged in as {} from the shipped keytab: delegation tokens will be obtained again before they expire",
                principal);
        return r;
    }

    /** How long to wait before refreshing tokens that expire at {@code expiresAt}. */
    static long delayBefore(long now, long expiresAt) {
        if (expiresAt == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return Math.max(MIN_DELAY_MILLIS, (long) ((expiresAt - now) * RENEW_AT));
    }

    @SuppressWarnings("FutureReturnValueIgnored") // refresh() catches and logs everything itself
    private void scheduleFor(long expiresAt) {
        long delay = delayBefore(System.currentTimeMillis(), expiresAt);
        if (delay == Long.MAX_VALUE) {
            LOG.info("No delegation token with an expiry: nothing to refresh");
            return;
        }
        LOG.info("Delegation tokens are refreshed in {} ms", delay);
        timer.schedule(this::refresh, delay, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // refresh() catches and logs everything itself
    private void refresh() {
        try {
            Credentials fresh = keytabUser.doAs((PrivilegedExceptionAction<Credentials>) () -> {
                Credentials c = new Credentials();
                // Renewable by this user, so renewing once tells when they expire unrenewed.
                DelegationTokens.obtain(conf, fileSystems, keytabUser.getShortUserName(), c);
                return c;
            });
            long expires = DelegationTokens.earliestMaxDate(fresh);
            for (Token<? extends TokenIdentifier> t : fresh.getAllTokens()) {
                long renewedUntil = keytabUser.doAs((PrivilegedExceptionAction<Long>) () -> t.renew(conf));
                expires = Math.min(expires, renewedUntil);
            }
            UserGroupInformation.getCurrentUser().addCredentials(fresh);
            LOG.info("Obtained {} new delegation tokens; they expire at {}", fresh.numberOfTokens(), expires);
            onNew.accept(fresh);
            scheduleFor(expires);
        } catch (Exception e) {
            LOG.warn("Could not obtain new delegation tokens (trying again in {} ms): {}", RETRY_MILLIS, e.toString());
            timer.schedule(this::refresh, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
