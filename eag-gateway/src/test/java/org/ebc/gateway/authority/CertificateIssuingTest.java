package org.ebc.gateway.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.ebc.crypto.CertificateCheck;
import org.ebc.crypto.CertificateReason;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.crypto.RevocationList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateIssuingTest {
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

    private CertificateValidator validatorFromFiles() {
        X509Certificate root = Pem.readCertificate(dir.resolve("ca.crt"));
        RevocationList crl = RevocationList.fromCrl(Pem.readCrl(dir.resolve("crl.pem")), root);
        return new CertificateValidator(root, () -> crl);
    }

    @Test
    void anEnrolledNodesCertificateValidatesAgainstCaCrtAndBindsIdIdentityAndMeter() {
        SimulatedDevice meter = SimulatedDevice.node("node-7", "SDM630-0007");

        IssuedCertificate issued =
                ca.enrollNode(meter.csr(), "Alice Example, Mill Lane 3", "SDM630-0007", Duration.ofDays(365), false);

        X509Certificate handedBack = Pem.readCertificate(dir.resolve("issued/node-7.crt"));
        assertThat(issued.certificateFile()).isEqualTo(dir.resolve("issued/node-7.crt"));
        assertThat(Pem.readCertificate(dir.resolve("issued/ca.crt"))).isEqualTo(ca.root());
        CertificateCheck check = validatorFromFiles().check(handedBack, T0, CertificateRole.NODE);
        assertThat(check.reason()).isEqualTo(CertificateReason.VALID);
        assertThat(check.subject())
                .isEqualTo(CertificateSubject.node("node-7", "Alice Example, Mill Lane 3", "SDM630-0007"));
        assertThat(handedBack.getPublicKey()).isEqualTo(meter.keys.getPublic());
        assertThat(handedBack.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(365)));
        assertThat(issued.summary())
                .contains(
                        "node-7",
                        "Alice Example, Mill Lane 3",
                        "SDM630-0007",
                        issued.entry().fingerprint(),
                        dir.resolve("issued/node-7.crt").toString(),
                        dir.resolve("issued/ca.crt").toString());
    }

    @Test
    void theTrueIdentityComesFromTheOperatorNeverFromTheCsr() {
        KeyPair keys = KeyPairs.generate();
        PKCS10CertificationRequest claimsIdentity =
                Csrs.create(keys, CertificateSubject.node("node-1", "Mallory, the Mayor", "M-1"));

        IssuedCertificate issued = ca.enrollNode(claimsIdentity, "Bob Example");

        assertThat(issued.entry().trueIdentity()).isEqualTo("Bob Example");
        assertThat(validatorFromFiles()
                        .check(issued.entry().certificate(), T0)
                        .subject()
                        .trueIdentity())
                .isEqualTo("Bob Example");
    }

    @Test
    void anEagIsCertifiedFromItsCsrAsAnEag() {
        IssuedCertificate issued = ca.issueEag(SimulatedDevice.eag("eag-north").csr(), Duration.ofDays(730), false);

        CertificateCheck check = validatorFromFiles().check(issued.entry().certificate(), T0, CertificateRole.EAG);
        assertThat(check.reason()).isEqualTo(CertificateReason.VALID);
        assertThat(check.subject()).isEqualTo(CertificateSubject.eag("eag-north"));
        assertThat(issued.certificateFile()).isEqualTo(dir.resolve("issued/eag-north.crt"));
        assertThat(issued.deviceFileName()).isEqualTo("eag.crt");
    }

    @Test
    void anEagCertificateNamesTheHostsItServesTlsUnderSoClientsCanCheckThem() throws Exception {
        IssuedCertificate issued = ca.issueEag(
                SimulatedDevice.eag("eag-south").csr(), null, false, List.of("gw.substation.local", "10.0.0.5"));

        List<String> hosts = issued.entry().certificate().getSubjectAlternativeNames().stream()
                .map(name -> String.valueOf(name.get(1)))
                .toList();
        assertThat(hosts).containsExactly("gw.substation.local", "10.0.0.5");
        assertThat(validatorFromFiles()
                        .check(issued.entry().certificate(), T0, CertificateRole.EAG)
                        .reason())
                .isEqualTo(CertificateReason.VALID);
    }

    @Test
    void aHostThatIsNeitherADnsNameNorAnIpAddressIsRefusedAndNothingIsIssued() {
        assertThatThrownBy(() -> ca.issueEag(SimulatedDevice.eag("eag-west").csr(), null, false, List.of("bad host/")))
                .isInstanceOf(AuthorityRefusal.class)
                .hasMessageContaining("bad host/");
        assertThat(dir.resolve("issued/eag-west.crt")).doesNotExist();
    }

    @Test
    void serialsRiseAndTheRegistryRecordsEveryCertificate() {
        IssuedCertificate a = ca.issueEag(SimulatedDevice.eag("eag-1").csr(), Duration.ofDays(30), false);
        IssuedCertificate b = ca.enrollNode(SimulatedDevice.node("n1", "M1").csr(), "Owner 1");
        IssuedCertificate c = ca.enrollNode(SimulatedDevice.node("n2", "M2").csr(), "Owner 2");

        assertThat(a.entry().serial()).isEqualTo(BigInteger.TWO);
        assertThat(b.entry().serial()).isEqualTo(BigInteger.valueOf(3));
        assertThat(c.entry().serial()).isEqualTo(BigInteger.valueOf(4));
        AuthorityRegistry reg = AuthorityRegistry.load(dir);
        assertThat(reg.eags()).extracting(IssuedEntry::id).containsExactly("eag-1");
        assertThat(reg.nodes()).extracting(IssuedEntry::id).containsExactly("n1", "n2");
        assertThat(reg.nodes()).extracting(IssuedEntry::meterSerial).containsExactly("M1", "M2");
        assertThat(reg.nodes()).extracting(IssuedEntry::trueIdentity).containsExactly("Owner 1", "Owner 2");
        assertThat(reg.current("n2", T0)).contains(c.entry());
    }

    @Test
    void aSecondCsrForANodeWithAValidCertificateIsRefusedUnlessReplaceWhichRevokesTheOld() {
        SimulatedDevice meter = SimulatedDevice.node("n1", "M1");
        IssuedCertificate first = ca.enrollNode(meter.csr(), "Owner");
        SimulatedDevice replacement = meter.withNewKey();

        assertThatThrownBy(() -> ca.enrollNode(replacement.csr(), "Owner"))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.ALREADY_ENROLLED))
                .hasMessageContaining("n1")
                .hasMessageContaining("--replace");

        IssuedCertificate second = ca.enrollNode(replacement.csr(), "Owner", null, Duration.ofDays(100), true);

        assertThat(second.superseded())
                .extracting(IssuedEntry::serial)
                .containsExactly(first.entry().serial());
        CertificateValidator v = validatorFromFiles();
        assertThat(v.check(first.entry().certificate(), T0).reason()).isEqualTo(CertificateReason.REVOKED);
        assertThat(v.check(second.entry().certificate(), T0).reason()).isEqualTo(CertificateReason.VALID);
        assertThat(Pem.readCertificate(dir.resolve("issued/n1.crt")))
                .isEqualTo(second.entry().certificate());
        assertThat(AuthorityRegistry.load(dir)
                        .bySerial(first.entry().serial())
                        .orElseThrow()
                        .revocation()
                        .reason())
                .isEqualTo(RevocationReason.SUPERSEDED);
    }

    @Test
    void anExpiredCertificateDoesNotBlockANewOne() {
        ca.enrollNode(SimulatedDevice.node("n1", "M1").csr(), "Owner", null, Duration.ofDays(1), false);
        CertificateAuthority later =
                CertificateAuthority.open(dir, Clock.fixed(T0.plus(Duration.ofDays(2)), ZoneOffset.UTC));

        IssuedCertificate renewed =
                later.enrollNode(SimulatedDevice.node("n1", "M1").csr(), "Owner");

        assertThat(renewed.superseded()).isEmpty();
    }

    @Test
    void aCsrWhoseSignatureDoesNotMatchItsKeyIsRefused() throws Exception {
        KeyPair claimed = KeyPairs.generate();
        KeyPair signer = KeyPairs.generate();
        PKCS10CertificationRequest forged = new JcaPKCS10CertificationRequestBuilder(
                        CertificateSubject.node("n1", null, "M1").toX500Name(), claimed.getPublic())
                .build(new JcaContentSignerBuilder(Crypto.SIGNATURE_ALGORITHM)
                        .setProvider(Crypto.provider())
                        .build(signer.getPrivate()));

        assertThatThrownBy(() -> ca.enrollNode(forged, "Owner"))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.BAD_CSR))
                .hasMessageContaining("proof of possession");
        assertThat(AuthorityRegistry.load(dir).certificates()).isEmpty();
    }

    @Test
    void anEagCsrIsRefusedByEnrollNodeAndANodeCsrByIssueEag() {
        assertThatThrownBy(() -> ca.enrollNode(SimulatedDevice.eag("eag-1").csr(), "Owner"))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.WRONG_ROLE))
                .hasMessageContaining("use issue-eag");
        assertThatThrownBy(() -> ca.issueEag(SimulatedDevice.node("n1", "M1").csr(), Duration.ofDays(1), false))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.WRONG_ROLE))
                .hasMessageContaining("use enroll-node");
    }

    @Test
    void aMeterSerialOtherThanTheOperatorReadIsRefused() {
        assertThatThrownBy(() ->
                        ca.enrollNode(SimulatedDevice.node("n1", "M1").csr(), "Owner", "M2", Duration.ofDays(1), false))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class,
                        e -> assertThat(e.reason()).isEqualTo(RefusalReason.METER_SERIAL_MISMATCH))
                .hasMessageContaining("M1")
                .hasMessageContaining("M2");
    }

    @Test
    void aMeterAlreadyBoundToAnotherNodeIsRefused() {
        ca.enrollNode(SimulatedDevice.node("n1", "M1").csr(), "Owner 1");

        assertThatThrownBy(() -> ca.enrollNode(SimulatedDevice.node("n2", "M1").csr(), "Owner 2"))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class,
                        e -> assertThat(e.reason()).isEqualTo(RefusalReason.METER_ALREADY_BOUND))
                .hasMessageContaining("n1");
    }

    @Test
    void aKeyCertifiedForOneIdIsRefusedForAnother() {
        SimulatedDevice meter = SimulatedDevice.node("n1", "M1");
        ca.enrollNode(meter.csr(), "Owner");
        PKCS10CertificationRequest sameKey = Csrs.create(meter.keys, CertificateSubject.node("n2", null, "M2"));

        assertThatThrownBy(() -> ca.enrollNode(sameKey, "Owner"))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.ALREADY_ENROLLED))
                .hasMessageContaining("its own key");
    }

    @Test
    void anIdHeldByAnEagCannotBeEnrolledAsANode() {
        ca.issueEag(SimulatedDevice.eag("x1").csr(), Duration.ofDays(10), false);

        assertThatThrownBy(() ->
                        ca.enrollNode(SimulatedDevice.node("x1", "M1").csr(), "Owner", null, Duration.ofDays(1), true))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.ALREADY_ENROLLED))
                .hasMessageContaining("an EAG");
    }

    @Test
    void noCertificateMayOutliveTheAuthority() {
        CertificateAuthority shortLived =
                CertificateAuthority.init(tmp.resolve("short"), "Short RA", Duration.ofDays(30), CLOCK);

        assertThatThrownBy(() -> shortLived.enrollNode(
                        SimulatedDevice.node("n1", "M1").csr(), "Owner", null, Duration.ofDays(31), false))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.AUTHORITY_VALIDITY))
                .hasMessageContaining("at most 30 days");
    }

    @Test
    void anExpiredAuthorityIssuesNothing() {
        CertificateAuthority.init(tmp.resolve("short"), "Short RA", Duration.ofDays(30), CLOCK);
        CertificateAuthority expired = CertificateAuthority.open(
                tmp.resolve("short"), Clock.fixed(T0.plus(Duration.ofDays(31)), ZoneOffset.UTC));

        assertThatThrownBy(() -> expired.issueEag(SimulatedDevice.eag("e1").csr(), Duration.ofDays(1), false))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.AUTHORITY_VALIDITY))
                .hasMessageContaining("expired");
    }

    @Test
    void aTrueIdentityMustBeGiven() {
        assertThatThrownBy(() -> ca.enrollNode(SimulatedDevice.node("n1", "M1").csr(), "  "))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.BAD_NAME));
    }

    @Test
    void withoutAValidityACertificateEndsWhenTheAuthorityDoesIfThatIsSooner() {
        CertificateAuthority shortLived =
                CertificateAuthority.init(tmp.resolve("short"), "Short RA", Duration.ofDays(30), CLOCK);

        IssuedEntry e = shortLived
                .enrollNode(SimulatedDevice.node("n1", "M1").csr(), "Owner")
                .entry();

        assertThat(e.notAfter()).isEqualTo(shortLived.root().getNotAfter().toInstant());
        assertThat(ca.enrollNode(SimulatedDevice.node("n1", "M1").csr(), "Owner")
                        .entry()
                        .notAfter())
                .isEqualTo(T0.plus(CertificateAuthority.DEFAULT_VALIDITY));
    }

    @Test
    void twoOperatorsWorkingOnOneAuthorityNeverHandOutTheSameSerial() {
        CertificateAuthority other = CertificateAuthority.open(dir, CLOCK);

        IssuedEntry a =
                ca.enrollNode(SimulatedDevice.node("n1", "M1").csr(), "A").entry();
        IssuedEntry b =
                other.enrollNode(SimulatedDevice.node("n2", "M2").csr(), "B").entry();
        IssuedEntry c =
                ca.enrollNode(SimulatedDevice.node("n3", "M3").csr(), "C").entry();

        assertThat(List.of(a.serial(), b.serial(), c.serial())).doesNotHaveDuplicates();
        assertThat(AuthorityRegistry.load(dir).nodes())
                .extracting(IssuedEntry::id)
                .containsExactly("n1", "n2", "n3");
    }

    @Test
    void aBatchOfNodesIsEnrolledAndBoundInOneGo() {
        SimulatedDevice m1 = SimulatedDevice.node("n1", "M1");
        SimulatedDevice m2 = SimulatedDevice.node("n2", "M2", 1);

        List<EnrolledNode> done = ca.enrollNodes(List.of(
                new NodeApplication(m1.csr(), "Owner 1", m1.walletsRequest(T0)),
                new NodeApplication(m2.csr(), "Owner 2", null)));

        assertThat(done).hasSize(2);
        assertThat(done.get(0).wallets().binding().addresses()).containsExactlyElementsOf(m1.addresses());
        assertThat(done.get(1).wallets()).isNull();
        AuthorityRegistry reg = AuthorityRegistry.load(dir);
        assertThat(reg.nodes()).extracting(IssuedEntry::id).containsExactly("n1", "n2");
        assertThat(reg.walletBindings()).hasSize(1);
        assertThat(Pem.readCertificate(dir.resolve("issued/n2.crt")))
                .isEqualTo(done.get(1).certificate().entry().certificate());
    }

    @Test
    void aBatchWithOneBadApplicationChangesNothing() {
        SimulatedDevice m1 = SimulatedDevice.node("n1", "M1");
        SimulatedDevice sameMeter = SimulatedDevice.node("n2", "M1");

        assertThatThrownBy(() -> ca.enrollNodes(List.of(
                        new NodeApplication(m1.csr(), "Owner 1", m1.walletsRequest(T0)),
                        new NodeApplication(sameMeter.csr(), "Owner 2", null))))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class,
                        e -> assertThat(e.reason()).isEqualTo(RefusalReason.METER_ALREADY_BOUND));

        AuthorityRegistry reg = AuthorityRegistry.load(dir);
        assertThat(reg.certificates()).isEmpty();
        assertThat(reg.walletBindings()).isEmpty();
        assertThat(dir.resolve("issued/n1.crt")).doesNotExist();
        assertThat(ca.enrollNode(m1.csr(), "Owner 1").entry().serial()).isEqualTo(BigInteger.TWO);
    }
}
