package org.ebc.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.ebc.crypto.RevocationList;
import org.ebc.gateway.TestMeter;
import org.ebc.gateway.account.CertificateAdmission;
import org.ebc.gateway.account.InMemoryAccountPool;
import org.ebc.gateway.account.NodeCredentials;
import org.ebc.gateway.account.Revocations;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.gateway.verify.Rejection;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;

/** Node certificates arriving on their retained MQTT topic. */
class CertificateIntakeTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final EagId EAG = EagId.of("eag-1");
    private final TestAuthority authority = TestAuthority.create("test-authority", NOW);
    private final InMemoryAccountPool pool = new InMemoryAccountPool();
    private final CertificateIntake intake = new CertificateIntake(
            EAG,
            new CertificateAdmission(
                    authority.validator(),
                    pool,
                    new NodeCredentials(new Revocations(RevocationList.EMPTY)),
                    Clock.fixed(NOW, ZoneOffset.UTC)));
    private final TestMeter alice = new TestMeter(authority, "alice", "M1");

    private Optional<Rejection> accept(String topic, byte[] payload) {
        return intake.accept(new Inbound(topic, payload, NOW));
    }

    @Test
    void aValidCertificateOnItsNodesTopicIsBound() {
        assertThat(accept(alice.certificateTopic(EAG), alice.certificatePem())).isEmpty();
        assertThat(pool.node(NodeId.of("alice"))).isPresent();
    }

    @Test
    void anEmptyRetainedMessageIsNoCertificateAndNoFault() {
        assertThat(accept(alice.certificateTopic(EAG), new byte[0])).isEmpty();
        assertThat(pool.nodes()).isEmpty();
    }

    @Test
    void somethingThatIsNotPemIsMalformed() {
        Rejection r = accept(
                        alice.certificateTopic(EAG),
                        "-----BEGIN CERTIFICATE-----\nAAAA\n".getBytes(StandardCharsets.US_ASCII))
                .orElseThrow();

        assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(r.sender()).isEqualTo(NodeId.of("alice"));
        assertThat(r.answerable()).isFalse();
        assertThat(accept(alice.certificateTopic(EAG), new byte[] {(byte) 0xff, 0, 1})
                        .orElseThrow()
                        .reason())
                .isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void anOversizedMessageIsTooLarge() {
        assertThat(accept(alice.certificateTopic(EAG), new byte[CertificateIntake.MAX_BYTES + 1])
                        .orElseThrow()
                        .reason())
                .isEqualTo(RejectReason.TOO_LARGE);
    }

    @Test
    void aCertificateOnAnotherNodesTopicIsAnIdentityMismatch() {
        TestMeter bob = new TestMeter(authority, "bob", "M2");

        assertThat(accept(bob.certificateTopic(EAG), alice.certificatePem())
                        .orElseThrow()
                        .reason())
                .isEqualTo(RejectReason.IDENTITY_MISMATCH);
        assertThat(pool.nodes()).isEmpty();
    }

    @Test
    void aForeignAuthoritysCertificateIsInvalid() {
        TestMeter foreign = new TestMeter(TestAuthority.create("elsewhere", NOW), "alice", "M1");

        assertThat(accept(alice.certificateTopic(EAG), foreign.certificatePem())
                        .orElseThrow()
                        .reason())
                .isEqualTo(RejectReason.CERTIFICATE_INVALID);
    }

    @Test
    void aTopicOfAnotherEagIsABadTopic() {
        assertThat(accept(alice.certificateTopic(EagId.of("eag-2")), alice.certificatePem())
                        .orElseThrow()
                        .reason())
                .isEqualTo(RejectReason.BAD_TOPIC);
    }
}
