package org.ebc.gateway.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.testing.TestAuthority;

/**
 * The PEM files a broker test needs, written where Mosquitto and the gateway read them: the authority's
 * root ({@code ca.crt}), node and EAG certificates exactly as {@code org.ebc.crypto} issues them (through
 * the shared {@link TestAuthority}), and the broker's server certificate. Not thread-safe.
 */
final class BrokerPki {
    /** PEM files of one issued certificate and its key (the key with mode 0600). */
    record Issued(String commonName, Path certificate, Path key) {}

    private final Path dir;
    private final TestAuthority authority;
    private final Map<String, Issued> issued = new HashMap<>();
    private long serial = 10_000;

    private BrokerPki(Path dir, TestAuthority authority) {
        this.dir = dir;
        this.authority = authority;
        Pem.writePublic(rootCertificate(), authority.root());
    }

    /** A new authority named {@code name} writing its files to {@code dir}. */
    static BrokerPki create(Path dir, String name) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BrokerPki(dir, TestAuthority.create(name, Instant.now()));
    }

    /** The authority's root, as the authority names it ({@code ca.crt}). */
    Path rootCertificate() {
        return dir.resolve("ca.crt");
    }

    /** The node certificate for {@code nodeId}, issued on first use (a key file is never overwritten). */
    Issued issueNode(String nodeId) {
        return issued.computeIfAbsent(nodeId, id -> write(id, authority.node(id, "SN-" + id)));
    }

    /** The EAG certificate for {@code eagId}, issued on first use. */
    Issued issueEag(String eagId) {
        return issued.computeIfAbsent(eagId, id -> write(id, authority.eag(id)));
    }

    private Issued write(String cn, TestAuthority.Issued issued) {
        Path cert = dir.resolve(cn + ".crt");
        Path key = dir.resolve(cn + ".key");
        Pem.writePublic(cert, issued.certificate());
        Pem.writePrivateKey(key, issued.keys().getPrivate());
        return new Issued(cn, cert, key);
    }

    /**
     * The broker's TLS server certificate, valid for localhost and 127.0.0.1, as the authority issues it
     * ({@code authority issue-broker}: role broker, server authentication only).
     */
    Issued issueBroker(String name) {
        KeyPair keys = KeyPairs.generate();
        Instant now = Instant.now();
        X509Certificate cert = Certificates.issue(
                authority.root(),
                authority.rootKeys().getPrivate(),
                keys.getPublic(),
                CertificateSubject.broker(name),
                now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(2)),
                BigInteger.valueOf(++serial),
                false,
                List.of("localhost", "127.0.0.1"));
        return write(name, new TestAuthority.Issued(keys, cert));
    }

    /** Revokes {@code who}'s certificate in the next {@link #writeCrl}. */
    void revoke(Issued who) {
        authority.revoke(Pem.readCertificate(who.certificate()));
    }

    /** Writes {@code crl.pem}, signed by the authority, listing what {@link #revoke} revoked. */
    Path writeCrl() {
        Instant now = Instant.now();
        Path crl = dir.resolve("crl.pem");
        Pem.writePublic(
                crl,
                Certificates.revocationList(
                        authority.root(),
                        authority.rootKeys().getPrivate(),
                        authority.revocations().serials(),
                        now.minus(Duration.ofMinutes(5)),
                        now.plus(Duration.ofDays(1)),
                        BigInteger.ONE));
        return crl;
    }
}
