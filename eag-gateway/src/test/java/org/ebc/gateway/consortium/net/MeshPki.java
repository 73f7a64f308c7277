package org.ebc.gateway.consortium.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.testing.TestAuthority;

/**
 * The certificates of a test consortium, as PEM files: the authority's root ({@code ca.crt}), EAG and node
 * certificates exactly as {@code org.ebc.crypto} issues them, and each substation broker's TLS certificate
 * with the addresses it is dialled at as subjectAltName. Thread-safe.
 */
public final class MeshPki {
    /** One issued certificate and its key (mode 0600), as files. */
    public record Identity(String commonName, Path certificate, Path key) {}

    private final Path dir;
    private final TestAuthority authority;
    private final AtomicLong serials = new AtomicLong(50_000);
    private final Map<String, Identity> issued = new ConcurrentHashMap<>();

    MeshPki(Path dir) {
        this.dir = dir;
        this.authority = TestAuthority.create("ebc-mesh-authority", java.time.Instant.now());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pem.writePublic(root(), authority.root());
    }

    /** The authority's root certificate, the only trust anchor of brokers, bridges and clients. */
    public Path root() {
        return dir.resolve("ca.crt");
    }

    /**
     * The authority's revocation list ({@code crl.pem}, nothing revoked, valid for two days): the shipped
     * {@code ebc.conf} names one in {@code crlfile}, and Mosquitto does not start without it.
     */
    public synchronized Path crl() {
        Path crl = dir.resolve("crl.pem");
        if (!Files.exists(crl)) {
            Pem.writePublic(
                    crl,
                    Certificates.revocationList(
                            authority.root(),
                            authority.rootKeys().getPrivate(),
                            List.of(),
                            authority.now().minus(Duration.ofMinutes(5)),
                            authority.now().plus(Duration.ofDays(2)),
                            BigInteger.ONE));
        }
        return crl;
    }

    /** The authority itself, for tests that sign more (registrations, genesis). */
    public TestAuthority authority() {
        return authority;
    }

    /** The EAG certificate with CN {@code eagId}, issued on first use. */
    public Identity eag(String eagId) {
        return issued.computeIfAbsent(eagId, id -> write(id, authority.eag(id)));
    }

    /** The node certificate with CN {@code nodeId}, issued on first use. */
    public Identity node(String nodeId) {
        return issued.computeIfAbsent(nodeId, id -> write(id, authority.node(id, "SN-" + id)));
    }

    /** A broker's TLS server certificate, valid for localhost, 127.0.0.1 and {@code addresses}. */
    Identity broker(String name, List<String> addresses) {
        KeyPair keys = KeyPairs.generate();
        List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1"));
        hosts.addAll(addresses);
        X509Certificate cert = Certificates.issue(
                authority.root(),
                authority.rootKeys().getPrivate(),
                keys.getPublic(),
                CertificateSubject.eag(name),
                authority.now().minus(Duration.ofMinutes(5)),
                authority.now().plus(Duration.ofDays(2)),
                BigInteger.valueOf(serials.incrementAndGet()),
                false,
                hosts);
        return write(name, new TestAuthority.Issued(keys, cert));
    }

    private Identity write(String cn, TestAuthority.Issued issued) {
        Path cert = dir.resolve(cn + ".crt");
        Path key = dir.resolve(cn + ".key");
        Pem.writePublic(cert, issued.certificate());
        Pem.writePrivateKey(key, issued.keys().getPrivate());
        return new Identity(cn, cert, key);
    }
}
