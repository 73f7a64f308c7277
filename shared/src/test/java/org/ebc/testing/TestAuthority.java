package org.ebc.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.RevocationList;

/**
 * A throw-away registration authority for tests: a real P-256 root and real certificates, held in
 * memory. Production code uses the gateway's {@code authority} commands instead.
 */
public final class TestAuthority {
    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final Instant now;
    private final AtomicLong serials = new AtomicLong(100);
    private final Set<BigInteger> revoked = new HashSet<>();

    /** A certificate with its key pair. */
    public record Issued(KeyPair keys, X509Certificate certificate) {}

    private TestAuthority(String name, Instant now) {
        this.now = now;
        this.rootKeys = KeyPairs.generate();
        this.root = Certificates.selfSignedAuthority(
                rootKeys, name, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), BigInteger.ONE);
    }

    public static TestAuthority create(String name, Instant now) {
        return new TestAuthority(name, now);
    }

    public static TestAuthority create() {
        return new TestAuthority("test-authority", Instant.now());
    }

    public X509Certificate root() {
        return root;
    }

    public KeyPair rootKeys() {
        return rootKeys;
    }

    public Instant now() {
        return now;
    }

    public Issued node(String nodeId, String meterSerial) {
        return issue(
                CertificateSubject.node(nodeId, "owner of " + nodeId, meterSerial),
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)),
                false);
    }

    public Issued eag(String eagId) {
        return issue(
                CertificateSubject.eag(eagId), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), false);
    }

    public Issued issue(CertificateSubject subject, Instant from, Instant to, boolean ca) {
        KeyPair keys = KeyPairs.generate();
        X509Certificate c = Certificates.issue(
                root,
                rootKeys.getPrivate(),
                keys.getPublic(),
                subject,
                from,
                to,
                BigInteger.valueOf(serials.incrementAndGet()),
                ca);
        return new Issued(keys, c);
    }

    public synchronized void revoke(X509Certificate cert) {
        revoked.add(cert.getSerialNumber());
    }

    public synchronized RevocationList revocations() {
        return RevocationList.of(revoked);
    }

    public CertificateValidator validator() {
        return new CertificateValidator(root, this::revocations);
    }
}
