package org.ebc.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one place that names the cryptographic choices of DESIGN §2: ECDSA over P-256 (secp256r1) with
 * SHA-256, through Bouncy Castle's provider. BC is used explicitly (never the JDK default provider)
 * because it verifies P-256 signatures several times faster than the JDK 17 provider here.
 */
public final class Crypto {
    public static final String CURVE = "secp256r1";
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /** The algorithm name OCMF and our envelopes write into {@code SA}. */
    public static final String WIRE_ALGORITHM = "ECDSA-secp256r1-SHA256";

    private static final Provider PROVIDER = install();

    private Crypto() {}

    private static Provider install() {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) {
            return existing;
        }
        Provider p = new BouncyCastleProvider();
        Security.addProvider(p);
        return p;
    }

    /** Bouncy Castle's JCA provider, registered once. */
    public static Provider provider() {
        return PROVIDER;
    }

    public static SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
