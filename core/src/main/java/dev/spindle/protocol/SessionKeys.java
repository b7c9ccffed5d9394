package dev.spindle.protocol;

import dev.spindle.security.AppSecret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What both ends of one connection derive from the application's secret and the handshake's
 * transcript: each side's proof and the keys of each direction. Nothing here is ever sent but the
 * proofs, and a proof says nothing of the secret (HMAC-SHA256).
 *
 * <p>The transcript binds everything said in the handshake (protocol version, kind of connection,
 * encryption flag, both nonces), so a proof cannot be replayed on another connection or for another
 * kind of peer, and the two proofs differ by label, so a server's answer is never a client's proof.
 */
final class SessionKeys {
    static final int MAGIC = 0x53504e44; // "SPND"
    static final int NONCE_BYTES = 32;
    static final int PROOF_BYTES = 32;

    private final AppSecret secret;
    private final byte[] transcript;

    SessionKeys(AppSecret secret, int version, Link link, boolean encrypt, byte[] clientNonce, byte[] serverNonce) {
        if (clientNonce.length != NONCE_BYTES || serverNonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonces have " + NONCE_BYTES + " bytes");
        }
        this.secret = secret;
        this.transcript = ByteBuffer.allocate(10 + 2 * NONCE_BYTES).putInt(MAGIC).putInt(version).put(link.code)
                .put((byte) (encrypt ? 1 : 0)).put(clientNonce).put(serverNonce).array();
    }

    byte[] serverProof() {
        return secret.hmac(label("spindle server proof"), transcript);
    }

    byte[] clientProof() {
        return secret.hmac(label("spindle client proof"), transcript);
    }

    byte[] clientToServerKey() {
        return secret.hmac(label("spindle key client to server"), transcript);
    }

    byte[] serverToClientKey() {
        return secret.hmac(label("spindle key server to client"), transcript);
    }

    /** Constant-time comparison, so a peer learns nothing from how long a refusal takes. */
    static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] label(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
