package org.ebc.crypto;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Generates P-256 key pairs where they are used; private keys never travel (DESIGN §2). */
public final class KeyPairs {
    private static final ECParameterSpec P256 = p256();
    /**
     * Keys {@link #decodeP256} accepted, by their exact text, at most this many (all dropped when full).
     * Wallets pay and are paid again and again, and a key object that has verified once keeps Bouncy Castle's
     * precomputed multiples of its point: a verification with a freshly decoded key cost about twice one with
     * a kept key here (docs/benchmarks.md, Part E). A kept key is a few KB.
     */
    static final int KEPT_KEYS = 8192;

    private static final ConcurrentHashMap<String, PublicKey> KEPT = new ConcurrentHashMap<>();
    private static volatile Provider keptFrom;

    private KeyPairs() {}

    public static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Crypto.provider());
            g.initialize(new ECGenParameterSpec(Crypto.CURVE), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 key generation is not available", e);
        }
    }

    public static KeyPair generate() {
        return generate(Crypto.secureRandom());
    }

    /**
     * True if {@code key} is an EC key on P-256; anything else is refused as a signer key. The whole domain
     * (curve coefficients, generator, order, cofactor) is compared, not just the field prime: an
     * explicitly-encoded key on another curve over P-256's prime would otherwise pass as P-256.
     */
    public static boolean isP256(PublicKey key) {
        if (!(key instanceof ECPublicKey ec)) {
            return false;
        }
        ECParameterSpec p = ec.getParams();
        return p != null
                && P256.getCurve().equals(p.getCurve())
                && P256.getGenerator().equals(p.getGenerator())
                && P256.getOrder().equals(p.getOrder())
                && P256.getCofactor() == p.getCofactor();
    }

    /**
     * A P-256 public key from the base64 (standard alphabet) text of its SubjectPublicKeyInfo DER, as signed
     * messages carry it; empty for anything else. Never throws.
     */
    @SuppressWarnings("ReferenceEquality") // a Provider's equals compares all its entries; identity is meant
    public static Optional<PublicKey> decodeP256(String base64Spki) {
        if (base64Spki == null || base64Spki.length() > 512) {
            return Optional.empty();
        }
        Provider provider = Crypto.provider();
        if (provider != keptFrom) {
            KEPT.clear();
            keptFrom = provider;
        }
        PublicKey kept = KEPT.get(base64Spki);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<PublicKey> decoded = decode(base64Spki);
        if (decoded.isPresent()) {
            if (KEPT.size() >= KEPT_KEYS) {
                KEPT.clear();
            }
            KEPT.put(base64Spki, decoded.get());
        }
        return decoded;
    }

    private static Optional<PublicKey> decode(String base64Spki) {
        try {
            PublicKey k = KeyFactory.getInstance("EC", Crypto.provider())
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64Spki)));
            return isP256(k)
                            && Base64.getEncoder()
                                    .encodeToString(k.getEncoded())
                                    .equals(base64Spki)
                    ? Optional.of(k)
                    : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The base64 text of a public key's SubjectPublicKeyInfo DER, as {@link #decodeP256} reads it. */
    public static String encodeSpki(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC", Crypto.provider());
            parameters.init(new ECGenParameterSpec(Crypto.CURVE));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 parameters are not available", e);
        }
    }
}
