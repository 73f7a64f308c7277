package org.ebc.crypto;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/** Generates P-256 key pairs where they are used; private keys never travel (DESIGN §2). */
public final class KeyPairs {
    private static final ECParameterSpec P256 = p256();

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
