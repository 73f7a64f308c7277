package org.ebc.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.RevocationList;
import org.ebc.gateway.verify.NodeStanding;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.testing.TestAuthority;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;

/** Admission of node certificates into the account pool, with real certificates. */
class CertificateAdmissionTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private final TestAuthority authority = TestAuthority.create("test-authority", NOW);
    private final InMemoryAccountPool pool = new InMemoryAccountPool();
    private final Revocations revocations = new Revocations(RevocationList.EMPTY);
    private final NodeCredentials credentials = new NodeCredentials(revocations);
    private final CertificateAdmission admission = new CertificateAdmission(
            new org.ebc.crypto.CertificateValidator(authority.root(), revocations::current),
            pool,
            credentials,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private TestAuthority.Issued issue(String node, String meter, Instant from) {
        return authority.issue(
                CertificateSubject.node(node, "owner", meter), from, from.plus(Duration.ofDays(365)), false);
    }

    @Test
    void aValidNodeCertificateIsBoundInThePoolAndTheCredentials() {
        TestAuthority.Issued alice = authority.node("alice", "M1");

        CertificateAdmission.Outcome o = admission.admit(List.of(alice.certificate()), NodeId.of("alice"), "mqtt");

        assertThat(o.admitted()).isTrue();
        assertThat(o.changed()).isTrue();
        assertThat(pool.node(NodeId.of("alice")).orElseThrow().certificate()).isEqualTo(alice.certificate());
        assertThat(credentials.standing(NodeId.of("alice"), NOW).status()).isEqualTo(NodeStanding.Status.TRUSTED);
        assertThat(credentials.standing(NodeId.of("alice"), NOW).credential().key())
                .isEqualTo(alice.keys().getPublic());
    }

    @Test
    void theSameCertificateAgainChangesNothing() {
        TestAuthority.Issued alice = authority.node("alice", "M1");
        admission.admit(List.of(alice.certificate()), NodeId.of("alice"), "mqtt");

        CertificateAdmission.Outcome again = admission.admit(List.of(alice.certificate()), NodeId.of("alice"), "mqtt");

        assertThat(again.admitted()).isTrue();
        assertThat(again.changed()).isFalse();
    }

    @Test
    void aCertificateOfAnotherAuthorityIsInvalid() {
        TestAuthority other = TestAuthority.create("other", NOW);

        CertificateAdmission.Outcome o =
                admission.admit(List.of(other.node("alice", "M1").certificate()), NodeId.of("alice"), "mqtt");

        assertThat(o.refusal()).isEqualTo(RejectReason.CERTIFICATE_INVALID);
        assertThat(o.detail()).contains("WRONG_CA");
        assertThat(pool.nodes()).isEmpty();
    }

    @Test
    void anEagCertificateIsNotANodeCertificate() {
        CertificateAdmission.Outcome o =
                admission.admit(List.of(authority.eag("alice").certificate()), NodeId.of("alice"), "mqtt");

        assertThat(o.refusal()).isEqualTo(RejectReason.CERTIFICATE_INVALID);
        assertThat(o.detail()).contains("WRONG_ROLE");
    }

    @Test
    void aCertificateForAnotherNodeThanItsTopicIsAnIdentityMismatch() {
        CertificateAdmission.Outcome o =
                admission.admit(List.of(authority.node("bob", "M2").certificate()), NodeId.of("alice"), "mqtt");

        assertThat(o.refusal()).isEqualTo(RejectReason.IDENTITY_MISMATCH);
        assertThat(pool.nodes()).isEmpty();
    }

    @Test
    void revokedAndExpiredCertificatesAreRefusedWithTheirOwnReasons() {
        TestAuthority.Issued revoked = authority.node("alice", "M1");
        revocations.replace(RevocationList.of(Set.of(revoked.certificate().getSerialNumber())));
        TestAuthority.Issued expired = authority.issue(
                CertificateSubject.node("bob", "owner", "M2"),
                NOW.minus(Duration.ofDays(30)),
                NOW.minus(Duration.ofDays(1)),
                false);

        assertThat(admission
                        .admit(List.of(revoked.certificate()), NodeId.of("alice"), "mqtt")
                        .refusal())
                .isEqualTo(RejectReason.CERTIFICATE_REVOKED);
        assertThat(admission
                        .admit(List.of(expired.certificate()), NodeId.of("bob"), "mqtt")
                        .refusal())
                .isEqualTo(RejectReason.CERTIFICATE_EXPIRED);
    }

    @Test
    void aNewerCertificateReplacesTheBoundOneButAnOlderOneCannotRollItBack() {
        TestAuthority.Issued first = issue("alice", "M1", NOW.minus(Duration.ofDays(10)));
        TestAuthority.Issued renewed = issue("alice", "M1", NOW.minus(Duration.ofDays(1)));
        admission.admit(List.of(first.certificate()), NodeId.of("alice"), "mqtt");

        CertificateAdmission.Outcome replaced =
                admission.admit(List.of(renewed.certificate()), NodeId.of("alice"), "mqtt");
        CertificateAdmission.Outcome rollback =
                admission.admit(List.of(first.certificate()), NodeId.of("alice"), "mqtt");

        assertThat(replaced.changed()).isTrue();
        assertThat(rollback.refusal()).isEqualTo(RejectReason.CERTIFICATE_SUPERSEDED);
        assertThat(credentials.standing(NodeId.of("alice"), NOW).credential().key())
                .isEqualTo(renewed.keys().getPublic());
    }

    @Test
    void aMeterAlreadyBoundToAnotherNodeIsRefused() {
        admission.admit(List.of(authority.node("alice", "M1").certificate()), NodeId.of("alice"), "mqtt");

        CertificateAdmission.Outcome o =
                admission.admit(List.of(authority.node("bob", "M1").certificate()), NodeId.of("bob"), "mqtt");

        assertThat(o.refusal()).isEqualTo(RejectReason.IDENTITY_MISMATCH);
        assertThat(o.detail()).contains("meter M1 is already bound to node alice");
    }
}
