package org.ebc.gateway.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.ebc.crypto.CertificateReason;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.Pem;
import org.ebc.crypto.RevocationList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    Path dir;
    CertificateAuthority ca;

    @BeforeEach
    void createAuthority() {
        dir = tmp.resolve("ca");
        ca = CertificateAuthority.init(dir, "RA", Duration.ofDays(3650), CLOCK);
    }

    private CertificateReason verdictFromFiles(X509Certificate cert) {
        X509Certificate root = Pem.readCertificate(dir.resolve("ca.crt"));
        RevocationList crl = RevocationList.fromCrl(Pem.readCrl(dir.resolve("crl.pem")), root);
        return new CertificateValidator(root, () -> crl).check(cert, T0).reason();
    }

    @Test
    void aRevokedNodeIsAnsweredRevokedByTheValidatorReadingCrlPem() {
        IssuedEntry node =
                ca.enrollNode(SimulatedDevice.node("n1", "M1").csr(), "Owner").entry();
        IssuedEntry other =
                ca.enrollNode(SimulatedDevice.node("n2", "M2").csr(), "Owner 2").entry();
        assertThat(verdictFromFiles(node.certificate())).isEqualTo(CertificateReason.VALID);

        List<IssuedEntry> revoked = ca.revoke("n1", RevocationReason.KEY_COMPROMISE);

        assertThat(revoked).extracting(IssuedEntry::serial).containsExactly(node.serial());
        assertThat(verdictFromFiles(node.certificate())).isEqualTo(CertificateReason.REVOKED);
        assertThat(verdictFromFiles(other.certificate())).isEqualTo(CertificateReason.VALID);
        AuthorityRegistry reg = AuthorityRegistry.load(dir);
        assertThat(reg.revokedSerials()).containsExactly(node.serial());
        assertThat(reg.bySerial(node.serial()).orElseThrow().revocation())
                .isEqualTo(new IssuedEntry.Revocation(T0, RevocationReason.KEY_COMPROMISE));
        assertThat(reg.validator().check(node.certificate(), T0).reason()).isEqualTo(CertificateReason.REVOKED);
    }

    @Test
    void everyNewCrlHasAHigherNumberAndKeepsEarlierRevocations() {
        IssuedEntry a =
                ca.enrollNode(SimulatedDevice.node("n1", "M1").csr(), "A").entry();
        IssuedEntry b = ca.issueEag(SimulatedDevice.eag("e1").csr(), Duration.ofDays(10), false)
                .entry();
        BigInteger before = CrlInfo.of(ca.registry()).number();

        ca.revoke(a.serial(), RevocationReason.CESSATION_OF_OPERATION);
        BigInteger afterFirst = CrlInfo.of(ca.registry()).number();
        ca.revoke("e1", RevocationReason.UNSPECIFIED);
        BigInteger afterSecond = CrlInfo.of(ca.registry()).number();
        ca.refreshCrl(Duration.ofDays(7));
        CrlInfo refreshed = CrlInfo.of(ca.registry());

        assertThat(afterFirst).isGreaterThan(before);
        assertThat(afterSecond).isGreaterThan(afterFirst);
        assertThat(refreshed.number()).isGreaterThan(afterSecond);
        assertThat(refreshed.nextUpdate()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(ca.registry().revocationList().serials()).containsExactlyInAnyOrder(a.serial(), b.serial());
    }

    @Test
    void unknownAndAlreadyRevokedCertificatesAreRefused() {
        IssuedEntry a =
                ca.enrollNode(SimulatedDevice.node("n1", "M1").csr(), "A").entry();
        ca.revoke(a.serial(), RevocationReason.UNSPECIFIED);

        assertThatThrownBy(() -> ca.revoke(BigInteger.valueOf(0x99), RevocationReason.UNSPECIFIED))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class,
                        e -> assertThat(e.reason()).isEqualTo(RefusalReason.UNKNOWN_CERTIFICATE))
                .hasMessageContaining("99");
        assertThatThrownBy(() -> ca.revoke("nobody", RevocationReason.UNSPECIFIED))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class,
                        e -> assertThat(e.reason()).isEqualTo(RefusalReason.UNKNOWN_CERTIFICATE));
        assertThatThrownBy(() -> ca.revoke(a.serial(), RevocationReason.UNSPECIFIED))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.ALREADY_REVOKED));
        assertThatThrownBy(() -> ca.revoke("n1", RevocationReason.UNSPECIFIED))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.ALREADY_REVOKED));
    }

    @Test
    void aKeyRevokedAsCompromisedIsNeverCertifiedAgain() {
        SimulatedDevice meter = SimulatedDevice.node("n1", "M1");
        ca.enrollNode(meter.csr(), "Owner");
        ca.revoke("n1", RevocationReason.KEY_COMPROMISE);

        assertThatThrownBy(() -> ca.enrollNode(meter.csr(), "Owner"))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.BAD_CSR))
                .hasMessageContaining("compromised");
        assertThat(ca.enrollNode(meter.withNewKey().csr(), "Owner").entry().id())
                .isEqualTo("n1");
    }

    @Test
    void aRevocationSignedIntoTheCrlButNotYetRecordedInTheRegistryStaysInForce() throws Exception {
        IssuedEntry a =
                ca.enrollNode(SimulatedDevice.node("n1", "M1").csr(), "A").entry();
        IssuedEntry b =
                ca.enrollNode(SimulatedDevice.node("n2", "M2").csr(), "B").entry();
        Path before = Files.copy(dir.resolve("registry.json"), tmp.resolve("registry-before.json"));
        ca.revoke("n1", RevocationReason.KEY_COMPROMISE);
        // A crash after crl.pem was signed and before registry.json was replaced leaves this state:
        Files.copy(before, dir.resolve("registry.json"), StandardCopyOption.REPLACE_EXISTING);

        AuthorityRegistry reg = AuthorityRegistry.load(dir);
        assertThat(reg.bySerial(a.serial()).orElseThrow().isRevoked()).isFalse();
        assertThat(reg.isRevoked(reg.bySerial(a.serial()).orElseThrow())).isTrue();
        assertThat(reg.current("n1", T0)).isEmpty();

        ca.revoke("n2", RevocationReason.UNSPECIFIED);
        assertThat(ca.registry().revocationList().serials()).containsExactlyInAnyOrder(a.serial(), b.serial());
    }
}
