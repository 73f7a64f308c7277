package org.ebc.gateway;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.Pem;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;

/**
 * A gateway's files for integration tests: a real authority, the EAG's key and certificate in a 0700
 * keys directory (as {@code eag-gateway enroll} and the authority leave them), and a configuration.
 */
public final class GatewayFixture {
    public final EagId eag;
    public final TestAuthority authority;
    public final TestAuthority.Issued eagIssued;
    public final Path dataDir;
    public final Path keysDir;
    private final AtomicLong crlNumber = new AtomicLong(1);

    private GatewayFixture(EagId eag, Path root) throws IOException {
        this.eag = eag;
        this.authority = TestAuthority.create("test-authority", Instant.now());
        this.eagIssued = authority.eag(eag.value());
        this.dataDir = root.resolve("data");
        this.keysDir = root.resolve("keys");
        Files.createDirectories(dataDir);
        Files.createDirectory(
                keysDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Pem.writePrivateKey(keysDir.resolve("eag.key"), eagIssued.keys().getPrivate());
        Pem.writePublic(keysDir.resolve("eag.crt"), eagIssued.certificate());
        Pem.writePublic(keysDir.resolve("ca.crt"), authority.root());
        writeCrl(List.of());
    }

    public static GatewayFixture create(Path root, String eagId) throws IOException {
        return new GatewayFixture(EagId.of(eagId), root);
    }

    /** Settings for a gateway on an external broker, checking the revocation list every 100 ms. */
    public Map<String, String> settings(String brokerUrl) {
        Map<String, String> m = new HashMap<>();
        m.put("eag.id", eag.value());
        m.put("data.dir", dataDir.toString());
        m.put("keys.dir", keysDir.toString());
        m.put("broker.mode", "external");
        m.put("broker.url", brokerUrl);
        m.put("ingress.reconnect.min", "100ms");
        m.put("ingress.reconnect.max", "1s");
        m.put("trust.check.interval", "100ms");
        return m;
    }

    /** Writes a new signed {@code crl.pem} revoking exactly {@code revoked}. */
    public void writeCrl(List<X509Certificate> revoked) {
        Instant now = Instant.now();
        Pem.writePublic(
                keysDir.resolve("crl.pem"),
                Certificates.revocationList(
                        authority.root(),
                        authority.rootKeys().getPrivate(),
                        revoked.stream().map(X509Certificate::getSerialNumber).toList(),
                        now,
                        now.plus(Duration.ofDays(7)),
                        BigInteger.valueOf(crlNumber.incrementAndGet())));
    }
}
