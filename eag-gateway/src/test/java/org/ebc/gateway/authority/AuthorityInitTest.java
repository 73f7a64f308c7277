package org.ebc.gateway.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.crypto.RevocationList;
import org.ebc.testing.TestAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorityInitTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void initCreatesAnOwnerOnlyKeyASelfSignedRootAnEmptySignedCrlAndAnEmptyRegistry() throws Exception {
        Path dir = tmp.resolve("ca");
        CertificateAuthority.init(dir, "North Microgrid RA", Duration.ofDays(3650), CLOCK);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))))
                .isEqualTo("rw-------");
        // The registry is readable by the directory's group: root's own unless `init --group` shares it.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("registry.json"))))
                .isEqualTo("rw-r-----");
        X509Certificate root = Pem.readCertificate(dir.resolve("ca.crt"));
        root.verify(Pem.readPublicKey(dir.resolve("ca.crt")), Crypto.provider());
        assertThat(Certificates.isCa(root)).isTrue();
        assertThat(Certificates.subjectOf(root).orElseThrow().role()).isEqualTo(CertificateRole.AUTHORITY);
        assertThat(Certificates.subjectOf(root).orElseThrow().id()).isEqualTo("North Microgrid RA");
        assertThat(root.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(3650)));
        X509CRL crl = Pem.readCrl(dir.resolve("crl.pem"));
        assertThat(RevocationList.fromCrl(crl, root).size()).isZero();
        AuthorityRegistry reg = AuthorityRegistry.load(dir);
        assertThat(reg.authorityName()).isEqualTo("North Microgrid RA");
        assertThat(reg.certificates()).isEmpty();
        assertThat(reg.walletBindings()).isEmpty();
        assertThat(CrlInfo.of(reg).number()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void theCaKeyIsTheKeyTheRootCertifies() {
        Path dir = tmp.resolve("ca");
        CertificateAuthority.init(dir, "RA", Duration.ofDays(10), CLOCK);
        CertificateAuthority reopened = CertificateAuthority.open(dir, CLOCK);
        assertThat(reopened.root()).isEqualTo(Pem.readCertificate(dir.resolve("ca.crt")));
    }

    @Test
    void initTwiceIsRefusedAndLeavesTheFirstAuthorityAsItWas() throws Exception {
        Path dir = tmp.resolve("ca");
        CertificateAuthority.init(dir, "RA", Duration.ofDays(10), CLOCK);
        byte[] key = Files.readAllBytes(dir.resolve("ca.key"));
        byte[] cert = Files.readAllBytes(dir.resolve("ca.crt"));

        assertThatThrownBy(() -> CertificateAuthority.init(dir, "RA", Duration.ofDays(10), CLOCK))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class,
                        e -> assertThat(e.reason()).isEqualTo(RefusalReason.ALREADY_INITIALISED))
                .hasMessageContaining(dir.resolve("ca.key").toString());
        assertThat(Files.readAllBytes(dir.resolve("ca.key"))).isEqualTo(key);
        assertThat(Files.readAllBytes(dir.resolve("ca.crt"))).isEqualTo(cert);
    }

    @Test
    void initRefusesADirectoryThatGroupOrOthersMayRead() throws Exception {
        Path dir = Files.createDirectory(
                tmp.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> CertificateAuthority.init(dir, "RA", Duration.ofDays(10), CLOCK))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("too open");
        assertThat(dir.resolve("ca.key")).doesNotExist();
    }

    @Test
    void anAuthorityWhoseKeyOthersMayReadIsRefused() throws Exception {
        Path dir = tmp.resolve("ca");
        CertificateAuthority.init(dir, "RA", Duration.ofDays(10), CLOCK);
        Files.setPosixFilePermissions(dir.resolve("ca.key"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> CertificateAuthority.open(dir, CLOCK))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(dir.resolve("ca.key").toString())
                .hasMessageContaining("too open");
    }

    @Test
    void aCaCrtThatDoesNotCertifyCaKeyIsRefused() {
        Path dir = tmp.resolve("ca");
        CertificateAuthority.init(dir, "RA", Duration.ofDays(10), CLOCK);
        Pem.writePublic(dir.resolve("ca.crt"), TestAuthority.create("RA", T0).root());

        assertThatThrownBy(() -> CertificateAuthority.open(dir, CLOCK))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.NOT_AN_AUTHORITY))
                .hasMessageContaining("ca.crt")
                .hasMessageContaining("does not certify the key");
    }

    @Test
    void aCrlSignedByAnotherAuthorityIsRefusedAsWrongCa() {
        Path dir = tmp.resolve("ca");
        CertificateAuthority.init(dir, "RA", Duration.ofDays(10), CLOCK);
        TestAuthority other = TestAuthority.create("RA", T0);
        Pem.writePublic(
                dir.resolve("crl.pem"),
                Certificates.revocationList(
                        other.root(),
                        other.rootKeys().getPrivate(),
                        java.util.List.of(),
                        T0,
                        T0.plus(Duration.ofDays(1)),
                        BigInteger.TEN));

        assertThatThrownBy(() -> AuthorityRegistry.load(dir))
                .isInstanceOf(AuthorityRefusal.class)
                .hasMessageContaining("crl.pem")
                .hasMessageContaining("wrong CA");
    }

    @Test
    void aDirectoryWithoutAnAuthorityIsRefusedWithAHint() throws Exception {
        Path dir = Files.createDirectory(
                tmp.resolve("empty"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        assertThatThrownBy(() -> CertificateAuthority.open(dir, CLOCK))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.NOT_AN_AUTHORITY))
                .hasMessageContaining("authority init");
    }

    @Test
    void anAuthorityNameWithControlCharactersIsRefused() {
        assertThatThrownBy(() -> CertificateAuthority.init(tmp.resolve("ca"), "RA\u0007", Duration.ofDays(10), CLOCK))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.BAD_NAME));
        assertThat(tmp.resolve("ca")).doesNotExist();
    }
}
