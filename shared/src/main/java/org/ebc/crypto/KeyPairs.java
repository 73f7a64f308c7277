package org.ebc.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/** Generates P-256 key pairs where they are used; private keys never travel (DESIGN §2). */
public final class KeyPairs {
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

    /** True if {@code key} is an EC key on P-256; anything else is refused as a signer key. */
    public static boolean isP256(PublicKey key) {
        if (!(key instanceof ECPublicKey ec)) {
            return false;
        }
        return ec.getParams().getCurve().getField().getFieldSize() == 256
                && ec.getParams().getOrder().bitLength() == 256
                && ec.getParams().getCofactor() == 1
                && "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF"
                        .equalsIgnoreCase(((java.security.spec.ECFieldFp) ec.getParams().getCurve().getField()).getP().toString(16));
    }
}
