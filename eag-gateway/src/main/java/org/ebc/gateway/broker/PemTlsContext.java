package org.ebc.gateway.broker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.ebc.config.ConfigException;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.wire.NoDelaySockets;

/**
 * Builds the gateway's TLS client context from the PEM files the authority hands out (root certificate,
 * gateway certificate, private key), read with {@link Pem} (Bouncy Castle) so that no keystore conversion
 * step is needed. A file that cannot be used is a {@link ConfigException} naming its {@code broker.tls.*} key.
 * Stateless; thread-safe.
 */
final class PemTlsContext {
    private PemTlsContext() {}

    /** A socket factory that trusts only the authority's root and presents the gateway's certificate. */
    static SSLSocketFactory socketFactory(BrokerEndpoint.TlsFiles files) {
        List<X509Certificate> roots = certificates(files.caCertificates(), BrokerSettings.TLS_CA);
        List<X509Certificate> chain = certificates(files.clientCertificate(), BrokerSettings.TLS_CERT);
        PrivateKey key = privateKey(files.clientKey());
        requireMatchingKey(key, chain.get(0), files);
        try {
            return NoDelaySockets.tls(roots, key, chain);
        } catch (GeneralSecurityException e) {
            // The key matched its certificate above: this is a key or algorithm that the JDK's TLS cannot use.
            throw new ConfigException(
                    BrokerSettings.TLS_KEY,
                    files.clientKey().toString(),
                    "cannot be used with " + files.clientCertificate() + ": " + e.getMessage());
        }
    }

    /**
     * A key that does not belong to the certificate would only show up as a failed TLS handshake at every
     * connection attempt; signing a probe with it and verifying with the certificate catches it at start.
     */
    private static void requireMatchingKey(PrivateKey key, X509Certificate certificate, BrokerEndpoint.TlsFiles files) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> null;
        };
        if (algorithm == null) {
            throw new ConfigException(
                    BrokerSettings.TLS_KEY,
                    files.clientKey().toString(),
                    "is a " + key.getAlgorithm() + " key; expected an EC (P-256) or RSA key");
        }
        boolean matches;
        try {
            byte[] probe = "ebc gateway TLS key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new ConfigException(
                    BrokerSettings.TLS_KEY,
                    files.clientKey().toString(),
                    "does not belong to the certificate in " + BrokerSettings.TLS_CERT + " ("
                            + files.clientCertificate() + ", "
                            + certificate.getSubjectX500Principal().getName() + ")");
        }
    }

    static List<X509Certificate> certificates(Path file, String key) {
        try {
            return Pem.readCertificates(file);
        } catch (KeyFileException e) {
            throw new ConfigException(key, file.toString(), problem(e));
        }
    }

    /** Through {@link Pem}, which also refuses a key file that group or others may read. */
    static PrivateKey privateKey(Path file) {
        try {
            return Pem.readPrivateKey(file);
        } catch (KeyFileException e) {
            throw new ConfigException(BrokerSettings.TLS_KEY, file.toString(), problem(e));
        }
    }

    private static String problem(KeyFileException e) {
        String prefix = e.file() + ": ";
        String m = e.getMessage();
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
