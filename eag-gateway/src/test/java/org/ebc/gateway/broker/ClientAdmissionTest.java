package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.ebc.crypto.CertificateSubject;
import org.ebc.testing.TestAuthority;
import org.junit.jupiter.api.Test;

class ClientAdmissionTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final TestAuthority authority = TestAuthority.create("site authority", NOW);
    private final ClientAdmission admission =
            new ClientAdmission(authority.validator(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static X509Certificate[] chain(TestAuthority.Issued issued) {
        return new X509Certificate[] {issued.certificate()};
    }

    @Test
    void aLocalClientOnTheLoopbackListenerMayDoEverything() {
        ClientAdmission.Decision d = admission.local("ebc-gateway-eag-1", true);

        assertThat(d.admitted()).isTrue();
        assertThat(d.everything()).isTrue();
    }

    @Test
    void aPlainConnectionFromAnotherMachineIsRefusedAsNotLocal() {
        assertThat(admission.local("node-1", false).refusal()).isEqualTo(ClientAdmission.Refusal.NOT_LOCAL);
    }

    @Test
    void aNodeGetsExactlyTheNodeRightsOverItsOwnTopics() {
        ClientAdmission.Decision d = admission.tls("node-1", chain(authority.node("node-1", "SDM-1")));

        assertThat(d.admitted()).isTrue();
        assertThat(d.everything()).isFalse();
        assertThat(d.rights()).isEqualTo(TopicRights.node("node-1"));
        assertThat(d.rights())
                .extracting(TopicRights.Right::filter)
                .containsExactly(
                        "ebc/v1/+/meter/node-1/#", "ebc/v1/+/node/node-1/#", "ebc/v1/+/eag/#", "ebc/v1/+/market/#");
    }

    @Test
    void aChainThatEndsWithTheRootItselfIsAcceptedLikeTheLeafAlone() {
        TestAuthority.Issued node = authority.node("node-1", "SDM-1");

        ClientAdmission.Decision d =
                admission.tls("node-1", new X509Certificate[] {node.certificate(), authority.root()});

        assertThat(d.admitted()).isTrue();
    }

    @Test
    void anEagReadsAndWritesEverythingOfItsOwnEagAndTheConsortium() {
        ClientAdmission.Decision d = admission.tls("ebc-gateway-eag-7", chain(authority.eag("eag-7")));

        assertThat(d.rights())
                .extracting(TopicRights.Right::filter, TopicRights.Right::activity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "ebc/v1/eag-7/#", TopicRights.Activity.PUBLISH_AND_SUBSCRIBE),
                        org.assertj.core.groups.Tuple.tuple(
                                "ebc/v1/consortium/#", TopicRights.Activity.PUBLISH_AND_SUBSCRIBE));
    }

    @Test
    void aTlsClientWithoutACertificateIsRefused() {
        assertThat(admission.tls("node-1", new X509Certificate[0]).refusal())
                .isEqualTo(ClientAdmission.Refusal.NO_CERTIFICATE);
        assertThat(admission.tls("node-1", null).refusal()).isEqualTo(ClientAdmission.Refusal.NO_CERTIFICATE);
    }

    @Test
    void aCertificateFromAnotherAuthorityIsRefusedAsInvalid() {
        TestAuthority other = TestAuthority.create("another authority", NOW);

        ClientAdmission.Decision d = admission.tls("node-1", chain(other.node("node-1", "SDM-1")));

        assertThat(d.refusal()).isEqualTo(ClientAdmission.Refusal.CERTIFICATE_INVALID);
        assertThat(d.detail()).contains("WRONG_CA");
    }

    @Test
    void aRevokedNodeIsRefusedAtItsNextConnection() {
        TestAuthority.Issued node = authority.node("node-1", "SDM-1");
        assertThat(admission.tls("node-1", chain(node)).admitted()).isTrue();

        authority.revoke(node.certificate());

        ClientAdmission.Decision d = admission.tls("node-1", chain(node));
        assertThat(d.refusal()).isEqualTo(ClientAdmission.Refusal.CERTIFICATE_INVALID);
        assertThat(d.detail()).contains("REVOKED");
    }

    @Test
    void anExpiredNodeCertificateIsRefusedAsInvalid() {
        TestAuthority.Issued old = authority.issue(
                CertificateSubject.node("node-2", "x", "SDM-2"),
                NOW.minus(Duration.ofDays(10)),
                NOW.minus(Duration.ofSeconds(1)),
                false);

        assertThat(admission.tls("node-2", chain(old)).detail()).contains("EXPIRED");
    }

    @Test
    void aNodeUnderAnotherNodesClientIdIsRefusedSoItCannotTakeOverThatSession() {
        ClientAdmission.Decision d = admission.tls("node-2", chain(authority.node("node-1", "SDM-1")));

        assertThat(d.refusal()).isEqualTo(ClientAdmission.Refusal.CLIENT_ID_MISMATCH);
        assertThat(d.detail()).contains("node-1").contains("node-2");
    }

    @Test
    void aBrokersServerCertificateNeverLogsIn() {
        TestAuthority.Issued broker = authority.issue(
                CertificateSubject.broker("mqtt-1"),
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1)),
                false);

        assertThat(admission.tls("mqtt-1", chain(broker)).refusal()).isEqualTo(ClientAdmission.Refusal.NOT_A_CLIENT);
    }
}
