package dev.spindle.protocol;

import dev.spindle.security.AppSecret;

import java.util.Objects;

/**
 * How a {@link Transport} proves its peers belong to the application: the application's secret, whether
 * traffic is encrypted after the handshake, and how long a peer may take to prove itself.
 */
public record TransportSecurity(AppSecret secret, boolean encrypt, long handshakeTimeoutMillis) {
    public TransportSecurity {
        Objects.requireNonNull(secret, "secret");
        if (handshakeTimeoutMillis < 1) {
            throw new IllegalArgumentException("handshakeTimeoutMillis must be positive, not " + handshakeTimeoutMillis);
        }
    }

    /** Authentication under {@code secret}, encryption as asked, and a 30-second handshake limit. */
    public static TransportSecurity of(AppSecret secret, boolean encrypt) {
        return new TransportSecurity(secret, encrypt, 30_000);
    }
}
