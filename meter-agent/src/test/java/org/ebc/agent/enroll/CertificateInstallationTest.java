package org.ebc.agent.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.testing.TestAuthority;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator might copy back onto a meter, and what {@code enroll --check} says about it. */
class CertificateInstallationTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    Path keyDir;
    PublicKey nodeKey;
    TestAuthority authority;

    @BeforeEach
    void enrollAndMeetTheAuthority() {
        keyDir = tmp.resolve("keys");
        NodeEnrollment.Result r = NodeEnrollment.enroll(keyDir, NodeId.of("n1"), MeterSerial.of("M1"), 1, CLOCK);
        nodeKey = Csrs.check(Pem.readCsr(r.csr())).publicKey();
        authority = TestAuthority.create("RA", T0);
    }

    private void install(TestAuthority issuer, PublicKey key, CertificateSubject subject, Duration validity) {
        Pem.writePublic(
                keyDir.resolve("node.crt"),
                Certificates.issue(
                        issuer.root(),
                        issuer.rootKeys().getPrivate(),
                        key,
                        subject,
                        T0.minusSeconds(60),
                        T0.plus(validity),
                        BigInteger.valueOf(42),
                        false));
        Pem.writePublic(keyDir.resolve("ca.crt"), authority.root());
    }

    private static final CertificateSubject N1 = CertificateSubject.node("n1", "Owner", "M1");

    @Test
    void theCertificateTheAuthorityIssuedForThisKeyIsUsable() {
        install(authority, nodeKey, N1, Duration.ofDays(30));

        CertificateInstallation.Check c = CertificateInstallation.check(keyDir, CLOCK);

        assertThat(c.isOk()).as(c.detail()).isTrue();
        assertThat(c.subject()).isEqualTo(N1);
        assertThat(c.notAfter()).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(c.crlChecked()).isFalse();
    }

    @Test
    void aCertificateFromAnotherAuthorityIsWrongCa() {
        install(TestAuthority.create("RA", T0), nodeKey, N1, Duration.ofDays(30));

        CertificateInstallation.Check c = CertificateInstallation.check(keyDir, CLOCK);

        assertThat(c.problem()).isEqualTo(CertificateInstallation.Problem.WRONG_CA);
        assertThat(c.detail())
                .contains(
                        keyDir.resolve("node.crt").toString(),
                        keyDir.resolve("ca.crt").toString());
    }

    @Test
    void anExpiredCertificateIsExpired() {
        install(authority, nodeKey, N1, Duration.ofDays(1));

        CertificateInstallation.Check c =
                CertificateInstallation.check(keyDir, Clock.fixed(T0.plus(Duration.ofDays(2)), ZoneOffset.UTC));

        assertThat(c.problem()).isEqualTo(CertificateInstallation.Problem.EXPIRED);
        assertThat(c.detail()).contains("node.crt", "expired");
    }

    @Test
    void aCertificateTheCrlNextToItRevokesIsRevoked() {
        install(authority, nodeKey, N1, Duration.ofDays(30));
        Pem.writePublic(
                keyDir.resolve("crl.pem"),
                Certificates.revocationList(
                        authority.root(),
                        authority.rootKeys().getPrivate(),
                        List.of(BigInteger.valueOf(42)),
                        T0,
                        T0.plus(Duration.ofDays(7)),
                        BigInteger.TWO));

        CertificateInstallation.Check c = CertificateInstallation.check(keyDir, CLOCK);

        assertThat(c.problem()).isEqualTo(CertificateInstallation.Problem.REVOKED);
    }

    @Test
    void anotherNodesCertificateIsAKeyMismatch() {
        install(authority, KeyPairs.generate().getPublic(), N1, Duration.ofDays(30));

        assertThat(CertificateInstallation.check(keyDir, CLOCK).problem())
                .isEqualTo(CertificateInstallation.Problem.KEY_MISMATCH);
    }

    @Test
    void aCertificateForAnotherMeterThanTheCsrAskedIsASubjectMismatch() {
        install(authority, nodeKey, CertificateSubject.node("n1", "Owner", "M2"), Duration.ofDays(30));

        CertificateInstallation.Check c = CertificateInstallation.check(keyDir, CLOCK);

        assertThat(c.problem()).isEqualTo(CertificateInstallation.Problem.SUBJECT_MISMATCH);
        assertThat(c.detail()).contains("M2", "M1");
    }

    @Test
    void anEagCertificateIsTheWrongRole() {
        install(authority, nodeKey, CertificateSubject.eag("n1"), Duration.ofDays(30));

        assertThat(CertificateInstallation.check(keyDir, CLOCK).problem())
                .isEqualTo(CertificateInstallation.Problem.WRONG_ROLE);
    }

    @Test
    void nothingCopiedBackYetNamesTheMissingFile() {
        CertificateInstallation.Check c = CertificateInstallation.check(keyDir, CLOCK);

        assertThat(c.problem()).isEqualTo(CertificateInstallation.Problem.UNREADABLE);
        assertThat(c.detail()).contains("ca.crt", "does not exist");
    }
}
