package org.ebc.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Objects;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one place that names the cryptographic choices of DESIGN §2: ECDSA over P-256 (secp256r1) with
 * SHA-256, and the JCA provider that computes it ({@link CryptoProvider}). Bouncy Castle is the default
 * because it verifies P-256 signatures several times faster than the JDK's provider here (the gateway's
 * ingest path); a program that only signs and verifies a little, like the meter agent, selects the
 * platform provider at start with {@link #useProvider} and never loads Bouncy Castle's provider.
 *
 * <p>Thread-safe. The choice is meant to be made once, in {@code main}, before any key is read: keys and
 * certificates read under one choice are objects of that provider (they still work with the other, since
 * both providers accept any {@code ECPrivateKey}/{@code ECPublicKey}, but nothing should rely on that).
 */
public final class Crypto {
    public static final String CURVE = "secp256r1";
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /** The algorithm name OCMF and our envelopes write into {@code SA}. */
    public static final String WIRE_ALGORITHM = "ECDSA-secp256r1-SHA256";

    private static volatile CryptoProvider choice = CryptoProvider.BOUNCY_CASTLE;

    private Crypto() {}

    /**
     * Selects the provider for this process. Call it at program start (the gateway keeps the default,
     * {@link CryptoProvider#BOUNCY_CASTLE}; the meter agent selects {@link CryptoProvider#PLATFORM}).
     */
    public static void useProvider(CryptoProvider provider) {
        choice = Objects.requireNonNull(provider, "provider");
    }

    /** The provider selected for this process. */
    public static CryptoProvider providerChoice() {
        return choice;
    }

    /**
     * The JCA provider for EC keys and {@value #SIGNATURE_ALGORITHM} signatures under the current choice:
     * Bouncy Castle's (registered once, on first use) or the JDK's SunEC.
     */
    public static Provider provider() {
        return choice == CryptoProvider.BOUNCY_CASTLE ? BouncyCastle.PROVIDER : Platform.SUN_EC;
    }

    public static SecureRandom secureRandom() {
        return new SecureRandom();
    }

    /** Holder: Bouncy Castle's provider is loaded only when it is selected. */
    private static final class BouncyCastle {
        static final Provider PROVIDER = install();

        private static Provider install() {
            Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
            if (existing != null) {
                return existing;
            }
            Provider p = new BouncyCastleProvider();
            Security.addProvider(p);
            return p;
        }
    }

    /** Holder: the JDK's EC provider (in {@code java.base} from JDK 22, module {@code jdk.crypto.ec} in 21). */
    private static final class Platform {
        static final Provider SUN_EC = sunEc();

        private static Provider sunEc() {
            Provider p = Security.getProvider("SunEC");
            if (p == null) {
                throw new IllegalStateException(
                        "the JDK's SunEC provider is missing (a Java 21 runtime needs the jdk.crypto.ec module)");
            }
            return p;
        }
    }
}
