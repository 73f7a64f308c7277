package org.ebc.agent.bench;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;

/**
 * A registration authority that lives for one benchmark run: a fresh root, one node certificate written
 * into a key directory the way enrollment leaves it, and one EAG certificate for the stand-in gateway.
 * Never used outside {@code bench-startup}.
 */
final class ThrowawayAuthority {
    private final KeyPair rootKeys = KeyPairs.generate();
    private final Instant now = Instant.now();
    private final X509Certificate root = Certificates.selfSignedAuthority(
            rootKeys, "bench-authority", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(2)), BigInteger.ONE);
    private long serial = 1;

    /** A certificate with its key pair. */
    record Issued(KeyPair keys, X509Certificate certificate) {}

    Issued issue(CertificateSubject subject) {
        KeyPair keys = KeyPairs.generate();
        X509Certificate c = Certificates.issue(
                root,
                rootKeys.getPrivate(),
                keys.getPublic(),
                subject,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)),
                BigInteger.valueOf(++serial),
                false);
        return new Issued(keys, c);
    }

    /**
     * Writes a broker's {@code broker.key}, {@code broker.crt} (server authentication for localhost and
     * 127.0.0.1, as {@code authority issue-broker} issues it) and {@code ca.crt} into {@code dir}.
     */
    void writeBroker(Path dir) {
        KeyPair keys = KeyPairs.generate();
        X509Certificate c = Certificates.issue(
                root,
                rootKeys.getPrivate(),
                keys.getPublic(),
                CertificateSubject.broker("bench-broker"),
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)),
                BigInteger.valueOf(++serial),
                false,
                java.util.List.of("localhost", "127.0.0.1"));
        Pem.writePrivateKey(dir.resolve("broker.key"), keys.getPrivate());
        Pem.writePublic(dir.resolve("broker.crt"), c);
        Pem.writePublic(dir.resolve("ca.crt"), root);
    }

    /**
     * Writes {@code node.key}, {@code node.crt}, {@code ca.crt} and, as enrollment does, three wallet keys into
     * {@code keyDir} (the agent loads them at start when it trades, so the bench measures that too).
     */
    Issued writeNodeKeys(Path keyDir, String node, String meterSerial) {
        Issued n = issue(CertificateSubject.node(node, "bench owner", meterSerial));
        Pem.writePrivateKey(keyDir.resolve("node.key"), n.keys().getPrivate());
        Pem.writePublic(keyDir.resolve("node.crt"), n.certificate());
        Pem.writePublic(keyDir.resolve("ca.crt"), root);
        for (int i = 1; i <= 3; i++) {
            Pem.writePrivateKey(
                    keyDir.resolve("wallet-" + i + ".key"), KeyPairs.generate().getPrivate());
        }
        return n;
    }
}
