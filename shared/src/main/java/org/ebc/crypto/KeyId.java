package org.ebc.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A signer's key id: the first 16 bytes of SHA-256 over the public key's SubjectPublicKeyInfo DER, as 32
 * lowercase hex characters. Envelopes name their signer by it; the gateway looks keys up by it.
 */
public record KeyId(String hex) {
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{32}");

    public KeyId {
        if (hex == null || !SHAPE.matcher(hex).matches()) {
            throw new IllegalArgumentException("key id must be 32 lowercase hex characters");
        }
    }

    public static KeyId of(PublicKey key) {
        return new KeyId(HexFormat.of().formatHex(sha256(key.getEncoded()), 0, 16));
    }

    public static boolean isValid(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
