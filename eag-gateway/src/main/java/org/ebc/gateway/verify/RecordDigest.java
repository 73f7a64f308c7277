package org.ebc.gateway.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short fingerprint of a received message (first 8 bytes of SHA-256, as 16 lowercase hex digits). It goes
 * into negative acks and the rejection log so that an agent and an operator can tell which exact bytes
 * were refused without the gateway storing or echoing them.
 */
public final class RecordDigest {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(RecordDigest::newDigest);

    private RecordDigest() {}

    public static String of(byte[] message) {
        if (message == null) {
            return "";
        }
        MessageDigest d = SHA256.get();
        d.reset();
        return HexFormat.of().formatHex(d.digest(message), 0, 8);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
