package org.ebc.crypto;

/**
 * Which JCA provider does the ECDSA P-256 work (signing, verifying, key and certificate conversion) in this
 * process. Both produce and accept the same standard DER signatures, PKCS#8 keys and X.509 certificates;
 * they differ in speed and in what they cost to load. Chosen once at program start with
 * {@link Crypto#useProvider}.
 */
public enum CryptoProvider {
    /**
     * Bouncy Castle's provider, registered with the JVM. The default, and the gateway's choice: it verifies
     * P-256 signatures several times faster than the JDK's SunEC here, and verification is the gateway's
     * ingest hot path. Loading it costs ~830 classes, ~5 MB of resident memory and ~0.25 s of start-up.
     */
    BOUNCY_CASTLE,
    /**
     * The JDK's own providers: SunEC for keys and signatures, the default X.509 certificate factory for
     * certificates. The meter agent's choice: it signs one record per interval and verifies a handful of
     * acknowledgements and certificates, so verify speed does not matter there, while a meter has little
     * memory and should start fast. Bouncy Castle's lightweight classes (ASN.1, PEM parsing, certificate
     * building) are still used; only its JCA provider is not loaded.
     */
    PLATFORM
}
