package org.ebc.gateway.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.KeyDirectory;
import org.ebc.crypto.Pem;
import org.ebc.gateway.broker.MosquittoAcl;
import org.ebc.units.EagId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site Mosquitto's own certificate, and the files the authority writes for it. */
class BrokerCertificateTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    CertificateAuthority ca;

    @BeforeEach
    void authority() {
        ca = CertificateAuthority.init(tmp.resolve("ca"), "RA", Duration.ofDays(3650), CLOCK);
    }

    private IssuedCertificate broker(String name, String host) {
        BrokerEnrollment.Result r = BrokerEnrollment.enroll(name, tmp.resolve("mosquitto-" + name));
        return ca.issueBroker(Pem.readCsr(r.csr()), null, false, List.of(host));
    }

    @Test
    void enrollBrokerMakesAnOwnerOnlyKeyAndTheAuthorityAServerOnlyCertificateForTheHost() throws Exception {
        BrokerEnrollment.Result r = BrokerEnrollment.enroll("mqtt-1", tmp.resolve("mosquitto"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(r.key())))
                .isEqualTo("rw-------");

        IssuedCertificate issued =
                ca.issueBroker(Pem.readCsr(r.csr()), null, false, List.of("gateway.local", "10.0.0.2"));

        assertThat(issued.entry().role()).isEqualTo(CertificateRole.BROKER);
        assertThat(issued.deviceFileName()).isEqualTo("broker.crt");
        assertThat(issued.entry().certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(issued.entry().certificate().getSubjectAlternativeNames())
                .extracting(l -> l.get(1).toString())
                .containsExactly("gateway.local", "10.0.0.2");
        assertThat(Certificates.subjectOf(issued.entry().certificate())
                        .orElseThrow()
                        .id())
                .isEqualTo("mqtt-1");
        assertThat(issued.summary()).contains("Issued broker certificate", "broker name");
    }

    @Test
    void aBrokerCertificateNeedsAHostAndANameNoNodeOrEagHas() {
        BrokerEnrollment.Result r = BrokerEnrollment.enroll("node-1", tmp.resolve("mosquitto"));
        assertThatThrownBy(() -> ca.issueBroker(Pem.readCsr(r.csr()), null, false, List.of()))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.BAD_REQUEST));
        ca.enrollNode(SimulatedDevice.node("node-1", "SDM-1").csr(), "Alice");
        assertThatThrownBy(() -> ca.issueBroker(Pem.readCsr(r.csr()), null, false, List.of("gw")))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.ALREADY_ENROLLED))
                .hasMessageContaining("unique across EAGs, nodes and brokers");
        assertThatThrownBy(() -> BrokerEnrollment.enroll("bad name", tmp.resolve("other")))
                .isInstanceOf(AuthorityRefusal.class);
    }

    @Test
    void aBrokerRequestGivenToIssueEagIsRefusedAsTheWrongRoleWithTheRightCommandNamed() {
        BrokerEnrollment.Result r = BrokerEnrollment.enroll("mqtt-2", tmp.resolve("mosquitto"));

        assertThatThrownBy(() -> ca.issueEag(Pem.readCsr(r.csr()), null, false))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.WRONG_ROLE))
                .hasMessageContaining("issue-broker");
    }

    @Test
    void mosquittoFilesHaveTheRootTheCrlTheNewestBrokerAndAnAclSectionForEveryValidEag() throws Exception {
        ca.issueEag(SimulatedDevice.eag("eag-a").csr(), null, false);
        ca.issueEag(SimulatedDevice.eag("eag-b").csr(), null, false);
        ca.revoke("eag-b", RevocationReason.CESSATION_OF_OPERATION);
        broker("mqtt-old", "old.local");
        IssuedCertificate newest = broker("mqtt-new", "gateway.local");
        Path out = KeyDirectory.prepare(tmp.resolve("etc-mosquitto-ebc"));

        MosquittoFiles f = MosquittoFiles.write(ca.registry(), out, Optional.empty(), T0);

        assertThat(f.eags()).containsExactly(EagId.of("eag-a"));
        assertThat(Files.readString(out.resolve("ebc.acl"))).isEqualTo(MosquittoAcl.file(List.of(EagId.of("eag-a"))));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("ebc.acl"))))
                .isEqualTo("rw-------");
        assertThat(Pem.readCertificate(out.resolve("broker.crt")))
                .isEqualTo(newest.entry().certificate());
        assertThat(Pem.readCertificate(out.resolve("ca.crt"))).isEqualTo(ca.root());
        assertThat(Pem.readCrl(out.resolve("crl.pem")).getRevokedCertificates()).hasSize(1);
        MosquittoFiles.write(ca.registry(), out, Optional.of("mqtt-old"), T0);
        assertThat(Files.readString(out.resolve("broker.crt")))
                .doesNotContain(Pem.encode(newest.entry().certificate()));
        assertThatThrownBy(() -> MosquittoFiles.write(ca.registry(), out, Optional.of("mqtt-none"), T0))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class,
                        e -> assertThat(e.reason()).isEqualTo(RefusalReason.UNKNOWN_CERTIFICATE));
    }

    @Test
    void theHandBackPutsCertificateRootAndCrlIntoTheDevicesKeyDirectory() throws Exception {
        Path keys = KeyDirectory.prepare(tmp.resolve("gw-keys"));
        IssuedCertificate eag = ca.issueEag(SimulatedDevice.eag("eag-h").csr(), null, false, List.of("gateway.local"));

        Path written = HandBack.install(eag, ca.root(), ca.registry().crl(), keys);

        assertThat(written).isEqualTo(keys.resolve("eag.crt"));
        assertThat(Pem.readCertificate(written)).isEqualTo(eag.entry().certificate());
        assertThat(keys.resolve("ca.crt")).exists();
        assertThat(keys.resolve("crl.pem")).exists();
    }
}
