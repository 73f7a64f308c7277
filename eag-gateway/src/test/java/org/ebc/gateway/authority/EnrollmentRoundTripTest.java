package org.ebc.gateway.authority;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.ebc.crypto.CertificateCheck;
import org.ebc.crypto.CertificateReason;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.Pem;
import org.ebc.crypto.RevocationList;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole life of a meter's enrollment with real files: the authority is created, the meter makes its
 * keys and requests, the authority certifies it and binds its wallets, the certificate is judged by the
 * shared validator from ca.crt and crl.pem alone, and after revocation the validator says REVOKED.
 * (The meter's side is {@link SimulatedDevice}: the gateway cannot depend on the agent.)
 */
class EnrollmentRoundTripTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void aMeterIsEnrolledBoundValidatedRevokedAndThenRefused() throws Exception {
        Path dir = tmp.resolve("authority");
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        CertificateAuthority ca = CertificateAuthority.init(dir, "Round Trip RA", Duration.ofDays(3650), clock);
        SimulatedDevice meter = SimulatedDevice.node("node-1", "SDM630-1");
        Path csrFile = tmp.resolve("node.csr");
        Path requestFile = tmp.resolve("wallets.req");
        Pem.writePublic(csrFile, meter.csr());
        Files.write(requestFile, meter.walletsRequest(T0));

        ca.enrollNode(Pem.readCsr(csrFile), "Dana Example", "SDM630-1", Duration.ofDays(365), false);
        X509Certificate nodeCrt = Pem.readCertificate(dir.resolve("issued/node-1.crt"));
        assertThat(judge(dir, nodeCrt).reason()).isEqualTo(CertificateReason.VALID);
        assertThat(judge(dir, nodeCrt).subject().trueIdentity()).isEqualTo("Dana Example");

        ca.bindWallets(Files.readAllBytes(requestFile), false);
        assertThat(AuthorityRegistry.load(dir)
                        .walletsOf(NodeId.of("node-1"))
                        .orElseThrow()
                        .addresses())
                .containsExactlyElementsOf(meter.addresses());

        ca.revoke("node-1", RevocationReason.KEY_COMPROMISE);
        assertThat(judge(dir, nodeCrt).reason()).isEqualTo(CertificateReason.REVOKED);
    }

    /** What a gateway that holds only copies of ca.crt and crl.pem would say. */
    private static CertificateCheck judge(Path dir, X509Certificate cert) {
        X509Certificate root = Pem.readCertificate(dir.resolve("ca.crt"));
        RevocationList crl = RevocationList.fromCrl(Pem.readCrl(dir.resolve("crl.pem")), root);
        return new CertificateValidator(root, () -> crl).check(cert, T0, CertificateRole.NODE);
    }
}
