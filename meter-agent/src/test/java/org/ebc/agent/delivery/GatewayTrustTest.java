package org.ebc.agent.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;
import org.junit.jupiter.api.Test;

class GatewayTrustTest {
    private static final EagId EAG = EagId.of("eag-north");
    private static final NodeId NODE = NodeId.of("node-3");
    private final TestAuthority authority = TestAuthority.create();
    private final TestAuthority.Issued eag = authority.eag(EAG.value());
    private final Instant now = authority.now();

    private static byte[] pem(TestAuthority.Issued i) {
        return Pem.encode(i.certificate()).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] signedAck(TestAuthority.Issued signer, Ack ack) {
        return EnvelopeCodec.sign(
                ack.payloadBytes(),
                signer.keys().getPrivate(),
                KeyId.of(signer.keys().getPublic()));
    }

    private static Ack committed(EagId from, NodeId to, long first, long last) {
        return new Ack(from, to, 1, 0, List.of(new Ack.PageRange(first, last)), List.of());
    }

    @Test
    void anAckSignedByTheAcceptedEagCertificateIsBelieved() {
        GatewayTrust trust = new GatewayTrust(EAG, NODE, authority.root());
        assertThat(trust.offer(pem(eag), now).accepted()).isTrue();
        GatewayTrust.Verdict v = trust.verify(signedAck(eag, committed(EAG, NODE, 1, 5)), now);
        assertThat(v.refusal()).isNull();
        assertThat(v.ack().committed()).containsExactly(new Ack.PageRange(1, 5));
    }

    @Test
    void noAckIsBelievedBeforeAnEagCertificateIsAccepted() {
        GatewayTrust trust = new GatewayTrust(EAG, NODE, authority.root());
        assertThat(trust.verify(signedAck(eag, committed(EAG, NODE, 1, 1)), now).refusal())
                .contains("no accepted EAG certificate");
    }

    @Test
    void aCertificateOfAnotherEagIsRefused() {
        GatewayTrust trust = new GatewayTrust(EAG, NODE, authority.root());
        GatewayTrust.Offer o = trust.offer(pem(authority.eag("eag-south")), now);
        assertThat(o.accepted()).isFalse();
        assertThat(o.reason()).contains("eag-south");
    }

    @Test
    void aNodeCertificateOnTheEagTopicIsRefused() {
        GatewayTrust trust = new GatewayTrust(EAG, NODE, authority.root());
        GatewayTrust.Offer o = trust.offer(pem(authority.node(EAG.value(), "M-1")), now);
        assertThat(o.accepted()).isFalse();
        assertThat(o.reason()).startsWith("WRONG_ROLE");
    }

    @Test
    void aCertificateFromAnotherAuthorityIsRefused() {
        GatewayTrust trust = new GatewayTrust(EAG, NODE, authority.root());
        GatewayTrust.Offer o = trust.offer(pem(TestAuthority.create().eag(EAG.value())), now);
        assertThat(o.accepted()).isFalse();
        assertThat(o.reason()).startsWith("WRONG_CA");
    }

    @Test
    void anExpiredEagCertificateIsRefused() {
        GatewayTrust trust = new GatewayTrust(EAG, NODE, authority.root());
        TestAuthority.Issued old = authority.issue(
                CertificateSubject.eag(EAG.value()),
                now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)),
                false);
        assertThat(trust.offer(pem(old), now).reason()).startsWith("EXPIRED");
    }

    @Test
    void garbageOnTheCertificateTopicIsRefusedWithoutThrowing() {
        GatewayTrust trust = new GatewayTrust(EAG, NODE, authority.root());
        assertThat(trust.offer("-----BEGIN CERTIFICATE-----\nAAAA\n".getBytes(StandardCharsets.US_ASCII), now)
                        .accepted())
                .isFalse();
    }

    @Test
    void anAckSignedByAnyOtherKeyIsRefused() {
        GatewayTrust trust = new GatewayTrust(EAG, NODE, authority.root());
        trust.offer(pem(eag), now);
        TestAuthority.Issued impostor = authority.node("node-9", "M-9");
        assertThat(trust.verify(signedAck(impostor, committed(EAG, NODE, 1, 1)), now)
                        .refusal())
                .startsWith("UNKNOWN_KEY");
    }

    @Test
    void anAckForAnotherNodeIsRefused() {
        GatewayTrust trust = new GatewayTrust(EAG, NODE, authority.root());
        trust.offer(pem(eag), now);
        assertThat(trust.verify(signedAck(eag, committed(EAG, NodeId.of("node-4"), 1, 1)), now)
                        .refusal())
                .contains("node-4");
    }

    @Test
    void aTamperedAckIsRefused() {
        GatewayTrust trust = new GatewayTrust(EAG, NODE, authority.root());
        trust.offer(pem(eag), now);
        byte[] raw = signedAck(eag, committed(EAG, NODE, 1, 1));
        String text = new String(raw, StandardCharsets.UTF_8).replace("[[1,1]]", "[[1,9]]");
        assertThat(trust.verify(text.getBytes(StandardCharsets.UTF_8), now).refusal())
                .startsWith("BAD_SIGNATURE");
    }

    @Test
    void acksSignedJustBeforeACertificateRenewalStillVerify() {
        GatewayTrust trust = new GatewayTrust(EAG, NODE, authority.root());
        trust.offer(pem(eag), now);
        TestAuthority.Issued renewed = authority.eag(EAG.value());
        trust.offer(pem(renewed), now);
        assertThat(trust.verify(signedAck(eag, committed(EAG, NODE, 1, 1)), now).isAccepted())
                .isTrue();
        assertThat(trust.verify(signedAck(renewed, committed(EAG, NODE, 2, 2)), now)
                        .isAccepted())
                .isTrue();
    }
}
