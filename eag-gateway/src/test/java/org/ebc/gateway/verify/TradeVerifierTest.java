package org.ebc.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.payment.Cosign;
import org.ebc.payment.Transfer;
import org.ebc.testing.TradeSamples;
import org.ebc.units.EagId;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wire.Topics;
import org.junit.jupiter.api.Test;

/** The ingress checks of orders and payments: who signed, for which node, on which topic. */
class TradeVerifierTest {
    private static final Instant NOW = TradeSamples.TS;
    private static final EagId EAG = TradeSamples.EAG;
    private static final NodeId NODE = TradeSamples.NODE;
    private static final KeyPair NODE_KEYS = TradeSamples.NODE_KEYS;

    private NodeStanding.Status status = NodeStanding.Status.TRUSTED;
    private final TradeVerifier verifier = new TradeVerifier(
            EAG,
            (node, now) -> node.equals(NODE)
                    ? new NodeStanding(
                            status,
                            new NodeCredential(
                                    NODE,
                                    MeterSerial.of("M-17"),
                                    NODE_KEYS.getPublic(),
                                    BigInteger.TEN,
                                    NOW.minusSeconds(3600),
                                    NOW.plusSeconds(3600)))
                    : NodeStanding.UNKNOWN);

    private static String orderTopic(NodeId node) {
        return Topics.meter(EAG, node, Topics.MeterMessage.ORDER);
    }

    private static String paymentTopic(NodeId node) {
        return Topics.meter(EAG, node, Topics.MeterMessage.PAYMENT);
    }

    private static byte[] order() {
        return TradeSamples.order().sign(NODE_KEYS.getPrivate(), KeyId.of(NODE_KEYS.getPublic()));
    }

    private TradeInbound.Refused refused(TradeInbound in) {
        assertThat(in).isInstanceOf(TradeInbound.Refused.class);
        return (TradeInbound.Refused) in;
    }

    @Test
    void anOrderSignedByTheTopicsNodePasses() {
        TradeInbound in = verifier.verify(orderTopic(NODE), order(), NOW);

        assertThat(in).isInstanceOfSatisfying(TradeInbound.OrderIn.class, o -> {
            assertThat(o.order()).isEqualTo(TradeSamples.order());
            assertThat(o.node()).isEqualTo(NODE);
        });
    }

    @Test
    void anOrderSignedByAnotherKeyIsABadSignature() {
        KeyPair other = KeyPairs.generate();
        byte[] forged = EnvelopeCodec.sign(
                TradeSamples.order().payloadBytes(), other.getPrivate(), KeyId.of(other.getPublic()));

        TradeInbound.Refused r = refused(verifier.verify(orderTopic(NODE), forged, NOW));

        assertThat(r.reason()).isEqualTo(TradeReason.BAD_SIGNATURE);
        assertThat(r.answerable()).isTrue();
    }

    @Test
    void anOrderNamingAnotherNodeOnThisNodesTopicIsAnIdentityMismatch() {
        String payload = new String(TradeSamples.order().payloadBytes(), StandardCharsets.UTF_8)
                .replace("\"from\":\"node-17\"", "\"from\":\"node-99\"");
        byte[] signed = EnvelopeCodec.sign(
                payload.getBytes(StandardCharsets.UTF_8), NODE_KEYS.getPrivate(), KeyId.of(NODE_KEYS.getPublic()));

        assertThat(refused(verifier.verify(orderTopic(NODE), signed, NOW)).reason())
                .isEqualTo(TradeReason.IDENTITY_MISMATCH);
    }

    @Test
    void anUnknownNodeIsRefusedWithoutAnAnswerAndARevokedOneWithOne() {
        TradeInbound.Refused unknown = refused(verifier.verify(orderTopic(NodeId.of("stranger")), order(), NOW));
        assertThat(unknown.reason()).isEqualTo(TradeReason.UNKNOWN_NODE);
        assertThat(unknown.answerable()).isFalse();

        status = NodeStanding.Status.REVOKED;
        TradeInbound.Refused revoked = refused(verifier.verify(orderTopic(NODE), order(), NOW));
        assertThat(revoked.reason()).isEqualTo(TradeReason.CERTIFICATE_REVOKED);
        assertThat(revoked.answerable()).isTrue();
    }

    @Test
    void aMessageOnAnotherEagsTopicOrTooLargeIsRefusedUnread() {
        String elsewhere = Topics.meter(EagId.of("eag-2"), NODE, Topics.MeterMessage.ORDER);
        assertThat(refused(verifier.verify(elsewhere, order(), NOW)).reason()).isEqualTo(TradeReason.BAD_TOPIC);
        assertThat(refused(verifier.verify(orderTopic(NODE), new byte[TradeVerifier.MAX_BYTES + 1], NOW))
                        .reason())
                .isEqualTo(TradeReason.TOO_LARGE);
        assertThat(refused(verifier.verify(orderTopic(NODE), "garbage".getBytes(StandardCharsets.US_ASCII), NOW))
                        .reason())
                .isEqualTo(TradeReason.MALFORMED);
    }

    @Test
    void aTransferAndACosignatureThatCheckByThemselvesPass() {
        byte[] transfer = TradeSamples.transfer().sign(TradeSamples.PAYER_WALLET.getPrivate());
        assertThat(verifier.verify(paymentTopic(NODE), transfer, NOW)).isInstanceOf(TradeInbound.TransferIn.class);

        byte[] cosign =
                TradeSamples.cosign(org.ebc.crypto.Sha256.hex(transfer)).sign(TradeSamples.PAYEE_WALLET.getPrivate());
        assertThat(verifier.verify(paymentTopic(NODE), cosign, NOW)).isInstanceOf(TradeInbound.CosignIn.class);
    }

    @Test
    void aTransferSignedByAKeyNotBoundToItsAddressIsRefused() {
        KeyPair thief = KeyPairs.generate();
        Transfer t = TradeSamples.transfer();
        Transfer forged =
                new Transfer(t.payer(), t.nonce(), t.at(), t.payee(), t.amount(), t.bill(), thief.getPublic());

        TradeInbound.Refused r = refused(verifier.verify(paymentTopic(NODE), forged.sign(thief.getPrivate()), NOW));

        assertThat(r.reason()).isEqualTo(TradeReason.KEY_NOT_BOUND);
        assertThat(r.about()).isEqualTo("transfer");
    }

    @Test
    void aCosignatureByAStrangerForTheAddressIsRefused() {
        KeyPair stranger = KeyPairs.generate();
        Transfer t = TradeSamples.transfer();
        Cosign c = new Cosign(t.payee(), t.nonce(), t.at(), "ab".repeat(32), t.payer(), stranger.getPublic());

        TradeInbound.Refused r = refused(verifier.verify(paymentTopic(NODE), c.sign(stranger.getPrivate()), NOW));

        assertThat(r.reason()).isEqualTo(TradeReason.KEY_NOT_BOUND);
        assertThat(r.about()).isEqualTo("cosign");
        assertThat(WalletAddress.of(stranger.getPublic())).isNotEqualTo(t.payee());
    }
}
