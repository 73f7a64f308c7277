package org.ebc.crypto;

import java.security.PublicKey;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A signer's key id: the first 16 bytes of SHA-256 over the public key's SubjectPublicKeyInfo DER, as 32
 * lowercase hex characters. Envelopes name their signer by it; the gateway looks keys up by it.
 */
public record KeyId(String hex) {
    /** Characters of a key id. */
    public static final int LENGTH = 32;

    public KeyId {
        if (!isValid(hex)) {
            throw new IllegalArgumentException("key id must be 32 lowercase hex characters");
        }
    }

    public static KeyId of(PublicKey key) {
        return ofSpki(key.getEncoded());
    }

    /** The id of the key whose SubjectPublicKeyInfo DER is {@code spki} (what {@link #of} hashes). */
    public static KeyId ofSpki(byte[] spki) {
        return new KeyId(HexFormat.of().formatHex(Sha256.digest(spki), 0, 16));
    }

    /**
     * True if {@code text} is 32 characters of {@code [0-9a-f]} (a loop, not a regular expression: every
     * envelope's key id is checked, twice).
     */
    public static boolean isValid(@Nullable String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return hex;
    }
}
