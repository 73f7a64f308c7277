package org.ebc.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.ebc.testing.TestAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateValidatorTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    private final TestAuthority authority = TestAuthority.create("test-authority", NOW);
    private final CertificateValidator validator = authority.validator();
    private final TestAuthority.Issued node = authority.node("node-1", "SDM630-0001");

    @Test
    void aNodeCertificateFromOurAuthorityIsValidAndNamesTheNodeAndItsMeter() {
        CertificateCheck check = validator.check(node.certificate(), NOW, CertificateRole.NODE);

        assertThat(check.reason()).isEqualTo(CertificateReason.VALID);
        assertThat(check.isValid()).isTrue();
        assertThat(check.subject()).isEqualTo(CertificateSubject.node("node-1", "owner of node-1", "SDM630-0001"));
        assertThat(check.leaf()).isSameAs(node.certificate());
    }

    @Test
    void anEagCertificateIsValidForAnyRoleButWrongRoleWhereANodeIsRequired() {
        TestAuthority.Issued eag = authority.eag("eag-1");

        assertThat(validator.check(eag.certificate(), NOW).reason()).isEqualTo(CertificateReason.VALID);
        assertThat(validator.check(eag.certificate(), NOW, CertificateRole.EAG).reason())
                .isEqualTo(CertificateReason.VALID);
        CertificateCheck asNode = validator.check(eag.certificate(), NOW, CertificateRole.NODE);
        assertThat(asNode.reason()).isEqualTo(CertificateReason.WRONG_ROLE);
        assertThat(asNode.detail()).contains("eag").contains("node");
        assertThat(asNode.subject()).isNull();
    }

    @Test
    void aBrokerCertificateIsAServerCertificateOnlyAndNeverPassesForANodeOrAnEag() throws Exception {
        TestAuthority.Issued broker = authority.issue(
                CertificateSubject.broker("mqtt-1"),
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1)),
                false);

        assertThat(broker.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(validator.check(broker.certificate(), NOW).subject()).isEqualTo(CertificateSubject.broker("mqtt-1"));
        assertThat(validator
                        .check(broker.certificate(), NOW, CertificateRole.NODE)
                        .reason())
                .isEqualTo(CertificateReason.WRONG_ROLE);
        assertThat(validator
                        .check(broker.certificate(), NOW, CertificateRole.EAG)
                        .reason())
                .isEqualTo(CertificateReason.WRONG_ROLE);
    }

    @Test
    void anExpiredCertificateIsRefusedAsExpired() {
        TestAuthority.Issued old = authority.issue(
                CertificateSubject.node("node-2", "x", "M-2"),
                NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofSeconds(1)),
                false);

        CertificateCheck check = validator.check(old.certificate(), NOW, CertificateRole.NODE);

        assertThat(check.reason()).isEqualTo(CertificateReason.EXPIRED);
        assertThat(check.detail()).contains("expired");
    }

    @Test
    void aCertificateIsValidUpToItsLastSecondAndNotAfter() {
        Instant end = NOW.plus(Duration.ofDays(10));
        TestAuthority.Issued c = authority.issue(CertificateSubject.node("node-3", "x", "M-3"), NOW, end, false);

        assertThat(validator.check(c.certificate(), end).reason()).isEqualTo(CertificateReason.VALID);
        assertThat(validator.check(c.certificate(), end.plusSeconds(1)).reason())
                .isEqualTo(CertificateReason.EXPIRED);
        assertThat(validator.check(c.certificate(), NOW.minusSeconds(1)).reason())
                .isEqualTo(CertificateReason.NOT_YET_VALID);
    }

    @Test
    void aCertificateNotValidYetIsRefusedAsNotYetValid() {
        TestAuthority.Issued future = authority.issue(
                CertificateSubject.node("node-4", "x", "M-4"),
                NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)),
                false);

        assertThat(validator
                        .check(future.certificate(), NOW, CertificateRole.NODE)
                        .reason())
                .isEqualTo(CertificateReason.NOT_YET_VALID);
    }

    @Test
    void aCertificateFromAnotherAuthorityIsRefusedAsWrongCaEvenWhenItsAuthorityHasTheSameName() {
        TestAuthority impostor = TestAuthority.create("test-authority", NOW);
        TestAuthority other = TestAuthority.create("other-authority", NOW);

        CertificateCheck sameName =
                validator.check(impostor.node("node-1", "SDM630-0001").certificate(), NOW, CertificateRole.NODE);
        CertificateCheck otherName =
                validator.check(other.node("node-1", "SDM630-0001").certificate(), NOW, CertificateRole.NODE);

        assertThat(sameName.reason()).isEqualTo(CertificateReason.WRONG_CA);
        assertThat(otherName.reason()).isEqualTo(CertificateReason.WRONG_CA);
        assertThat(sameName.detail()).contains("authority");
    }

    @Test
    void aRevokedCertificateIsRefusedAsRevokedAsSoonAsTheListChanges() {
        assertThat(validator
                        .check(node.certificate(), NOW, CertificateRole.NODE)
                        .reason())
                .isEqualTo(CertificateReason.VALID);

        authority.revoke(node.certificate());

        CertificateCheck check = validator.check(node.certificate(), NOW, CertificateRole.NODE);
        assertThat(check.reason()).isEqualTo(CertificateReason.REVOKED);
        assertThat(check.detail()).contains(node.certificate().getSerialNumber().toString(16));
    }

    @Test
    void aCertificateListedInARealCrlFromTheAuthorityIsRefusedAsRevoked(@TempDir Path dir) {
        TestAuthority.Issued other = authority.node("node-5", "M-5");
        X509CRL crl = Certificates.revocationList(
                authority.root(),
                authority.rootKeys().getPrivate(),
                List.of(node.certificate().getSerialNumber()),
                NOW,
                NOW.plus(Duration.ofDays(7)),
                BigInteger.ONE);
        Pem.writePublic(dir.resolve("crl.pem"), crl);
        AtomicReference<RevocationList> current = new AtomicReference<>(RevocationList.EMPTY);
        CertificateValidator v = new CertificateValidator(authority.root(), current::get);

        current.set(RevocationList.fromCrl(Pem.readCrl(dir.resolve("crl.pem")), authority.root()));

        assertThat(current.get().serials()).containsExactly(node.certificate().getSerialNumber());
        assertThat(v.check(node.certificate(), NOW, CertificateRole.NODE).reason())
                .isEqualTo(CertificateReason.REVOKED);
        assertThat(v.check(other.certificate(), NOW, CertificateRole.NODE).reason())
                .isEqualTo(CertificateReason.VALID);
    }

    @Test
    void aCrlSignedByAnotherAuthorityIsNotBelieved() {
        TestAuthority impostor = TestAuthority.create("test-authority", NOW);
        X509CRL forged = Certificates.revocationList(
                impostor.root(),
                impostor.rootKeys().getPrivate(),
                List.of(node.certificate().getSerialNumber()),
                NOW,
                NOW.plus(Duration.ofDays(7)),
                BigInteger.ONE);

        assertThatThrownBy(() -> RevocationList.fromCrl(forged, authority.root()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not signed by the authority");
    }

    @Test
    void aLeafSignedByANodeCertificateIsRefusedBecauseANodeIsNotACa() {
        KeyPair leafKeys = KeyPairs.generate();
        X509Certificate leaf = Certificates.issue(
                node.certificate(),
                node.keys().getPrivate(),
                leafKeys.getPublic(),
                CertificateSubject.node("node-evil", "x", "M-EVIL"),
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)),
                BigInteger.TEN,
                false);

        CertificateCheck check = validator.check(List.of(leaf, node.certificate()), NOW, CertificateRole.NODE);

        assertThat(check.reason()).isEqualTo(CertificateReason.ISSUER_NOT_A_CA);
        assertThat(check.detail()).contains("node-1");
        assertThat(validator.check(leaf, NOW, CertificateRole.NODE).reason())
                .as("the same leaf presented alone")
                .isEqualTo(CertificateReason.WRONG_CA);
    }

    @Test
    void aChainThroughAnIntermediateCaOfTheAuthorityIsValid() {
        TestAuthority.Issued intermediate = authority.issue(
                CertificateSubject.authority("intermediate"),
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)),
                true);
        KeyPair leafKeys = KeyPairs.generate();
        X509Certificate leaf = Certificates.issue(
                intermediate.certificate(),
                intermediate.keys().getPrivate(),
                leafKeys.getPublic(),
                CertificateSubject.node("node-6", "x", "M-6"),
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)),
                BigInteger.valueOf(6000),
                false);

        assertThat(validator
                        .check(List.of(leaf, intermediate.certificate()), NOW, CertificateRole.NODE)
                        .reason())
                .isEqualTo(CertificateReason.VALID);
        authority.revoke(intermediate.certificate());
        assertThat(validator
                        .check(List.of(leaf, intermediate.certificate()), NOW, CertificateRole.NODE)
                        .reason())
                .isEqualTo(CertificateReason.REVOKED);
    }

    @Test
    void aCertificateForAKeyThatIsNotP256IsRefusedAsUnsupportedKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Crypto.provider());
        g.initialize(new ECGenParameterSpec("secp384r1"));
        X509Certificate p384 = Certificates.issue(
                authority.root(),
                authority.rootKeys().getPrivate(),
                g.generateKeyPair().getPublic(),
                CertificateSubject.node("node-7", "x", "M-7"),
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)),
                BigInteger.valueOf(7000),
                false);

        assertThat(validator.check(p384, NOW, CertificateRole.NODE).reason())
                .isEqualTo(CertificateReason.UNSUPPORTED_KEY);
    }

    @Test
    void anEmptyOrMissingChainIsMalformedNotAnException() {
        assertThat(validator.check(List.of(), NOW, null).reason()).isEqualTo(CertificateReason.MALFORMED);
        assertThat(validator.check((List<X509Certificate>) null, NOW, null).reason())
                .isEqualTo(CertificateReason.MALFORMED);
        assertThat(validator.check((X509Certificate) null, NOW).reason()).isEqualTo(CertificateReason.MALFORMED);
        assertThat(validator
                        .check((X509Certificate) null, NOW, CertificateRole.NODE)
                        .reason())
                .isEqualTo(CertificateReason.MALFORMED);
    }

    @Test
    void eachWayOfFailingHasItsOwnReason() {
        TestAuthority.Issued expired = authority.issue(
                CertificateSubject.node("a", "x", "M"),
                NOW.minus(Duration.ofDays(9)),
                NOW.minus(Duration.ofDays(1)),
                false);
        TestAuthority.Issued future = authority.issue(
                CertificateSubject.node("b", "x", "M"),
                NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(9)),
                false);
        TestAuthority.Issued revoked = authority.node("c", "M");
        authority.revoke(revoked.certificate());
        X509Certificate underNode = Certificates.issue(
                node.certificate(),
                node.keys().getPrivate(),
                KeyPairs.generate().getPublic(),
                CertificateSubject.node("d", "x", "M"),
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(9)),
                BigInteger.TWO,
                false);

        Set<CertificateReason> reasons = EnumSet.noneOf(CertificateReason.class);
        List.of(
                        validator.check(expired.certificate(), NOW, CertificateRole.NODE),
                        validator.check(future.certificate(), NOW, CertificateRole.NODE),
                        validator.check(
                                TestAuthority.create("test-authority", NOW)
                                        .node("e", "M")
                                        .certificate(),
                                NOW,
                                CertificateRole.NODE),
                        validator.check(revoked.certificate(), NOW, CertificateRole.NODE),
                        validator.check(List.of(underNode, node.certificate()), NOW, CertificateRole.NODE),
                        validator.check(authority.eag("eag-9").certificate(), NOW, CertificateRole.NODE))
                .forEach(c -> reasons.add(c.reason()));

        assertThat(reasons)
                .containsExactlyInAnyOrder(
                        CertificateReason.EXPIRED,
                        CertificateReason.NOT_YET_VALID,
                        CertificateReason.WRONG_CA,
                        CertificateReason.REVOKED,
                        CertificateReason.ISSUER_NOT_A_CA,
                        CertificateReason.WRONG_ROLE);
    }
}
