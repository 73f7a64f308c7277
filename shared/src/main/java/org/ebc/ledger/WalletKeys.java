package org.ebc.ledger;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.KeyPairs;
import org.jspecify.annotations.Nullable;

/**
 * Public keys carried inside payment envelopes ({@code "key":"<base64 SPKI>"}). A key is accepted only if
 * it is a P-256 key whose SubjectPublicKeyInfo re-encodes to exactly the bytes given, so one key has one
 * spelling: the wallet address is a hash of those bytes, and a second encoding of the same point (a
 * compressed point, explicit curve parameters) must not stand for another address. Never throws.
 * Thread-safe: one {@link KeyFactory} per thread, made again if the process's provider choice changed.
 */
final class WalletKeys {
    private static final ThreadLocal<KeyFactory> FACTORY = new ThreadLocal<>();

    private WalletKeys() {}

    static Optional<PublicKey> fromBase64(@Nullable String text) {
        if (text == null || text.isEmpty() || text.length() > 256) {
            return Optional.empty();
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            PublicKey key = factory().generatePublic(new X509EncodedKeySpec(der));
            if (!KeyPairs.isP256(key) || !Arrays.equals(key.getEncoded(), der)) {
                return Optional.empty();
            }
            return Optional.of(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            FACTORY.remove();
            return Optional.empty();
        }
    }

    static String toBase64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static KeyFactory factory() throws GeneralSecurityException {
        KeyFactory f = FACTORY.get();
        if (f == null || !f.getProvider().equals(Crypto.provider())) {
            f = KeyFactory.getInstance("EC", Crypto.provider());
            FACTORY.set(f);
        }
        return f;
    }
}
