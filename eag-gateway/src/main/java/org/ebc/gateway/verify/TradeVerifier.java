package org.ebc.gateway.verify;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;
import org.ebc.crypto.Sha256;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.payment.Cosign;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.PaymentReason;
import org.ebc.payment.Transfer;
import org.ebc.trade.Order;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wire.Topics;

/**
 * The ingress checks of a market or payment message, before it reaches the single thread that runs the market
 * and the payments: the topic names a node of this EAG whose certificate is good now; an order is signed with
 * that node's key and names it as {@code from}; a transfer or co-signature checks by itself
 * ({@link PaymentCheck}: the key it carries is bound to its address and signed it). Which node owns which
 * address, nonces, balances and bills are the payment core's questions.
 *
 * <p>Pure and thread-safe (the lanes call it in parallel); never throws on hostile input.
 */
public final class TradeVerifier {
    /** Orders and payments are a few hundred bytes; anything near this is damage. */
    public static final int MAX_BYTES = PaymentCheck.MAX_BYTES;

    private final EagId eag;
    private final NodeDirectory nodes;

    public TradeVerifier(EagId eag, NodeDirectory nodes) {
        this.eag = eag;
        this.nodes = nodes;
    }

    /** True for the topics this verifier takes: a node's {@code order} and {@code payment}. */
    public static boolean isTradeTopic(String topic) {
        Optional<Topics.MeterTopic> t = Topics.parseMeterTopic(topic);
        return t.isPresent()
                && (t.get().kind() == Topics.MeterMessage.ORDER || t.get().kind() == Topics.MeterMessage.PAYMENT);
    }

    public TradeInbound verify(String topic, byte[] raw, Instant receivedAt) {
        String digest = raw == null ? "" : Sha256.hex(raw);
        Optional<Topics.MeterTopic> t = Topics.parseMeterTopic(topic);
        if (t.isEmpty()
                || !t.get().eag().equals(eag)
                || (t.get().kind() != Topics.MeterMessage.ORDER && t.get().kind() != Topics.MeterMessage.PAYMENT)) {
            return refused(
                    null,
                    "order",
                    "-",
                    TradeReason.BAD_TOPIC,
                    "not a market or payment topic of " + eag,
                    digest,
                    false,
                    receivedAt);
        }
        NodeId node = t.get().node();
        boolean order = t.get().kind() == Topics.MeterMessage.ORDER;
        String about = order ? "order" : "transfer";
        if (raw == null || raw.length > MAX_BYTES) {
            return refused(
                    node,
                    about,
                    "-",
                    TradeReason.TOO_LARGE,
                    (raw == null ? 0 : raw.length) + " bytes, at most " + MAX_BYTES,
                    digest,
                    false,
                    receivedAt);
        }
        NodeStanding standing = nodes.standing(node, receivedAt);
        TradeReason standingReason = switch (standing.status()) {
            case TRUSTED -> null;
            case UNKNOWN -> TradeReason.UNKNOWN_NODE;
            case EXPIRED -> TradeReason.CERTIFICATE_EXPIRED;
            case NOT_YET_VALID -> TradeReason.CERTIFICATE_NOT_YET_VALID;
            case REVOKED -> TradeReason.CERTIFICATE_REVOKED;
        };
        if (standingReason != null) {
            boolean answerable = standing.status() != NodeStanding.Status.UNKNOWN;
            return refused(
                    node,
                    about,
                    "-",
                    standingReason,
                    "node " + node + ": " + standing.status(),
                    digest,
                    answerable,
                    receivedAt);
        }
        return order
                ? order(node, standing.credential().key(), raw, digest, receivedAt)
                : payment(node, raw, digest, receivedAt);
    }

    private TradeInbound order(NodeId node, PublicKey key, byte[] raw, String digest, Instant at) {
        EnvelopeResult r = EnvelopeCodec.verify(raw, id -> Optional.of(key), MAX_BYTES);
        if (!r.isOk()) {
            TradeReason reason = switch (r.reason()) {
                case BAD_SIGNATURE, UNKNOWN_KEY -> TradeReason.BAD_SIGNATURE;
                case TOO_LARGE -> TradeReason.TOO_LARGE;
                default -> TradeReason.MALFORMED;
            };
            return refused(node, "order", "-", reason, r.detail(), digest, true, at);
        }
        if (!r.envelope().keyId().equals(org.ebc.crypto.KeyId.of(key))) {
            return refused(
                    node,
                    "order",
                    "-",
                    TradeReason.BAD_SIGNATURE,
                    "not signed with node " + node + "'s key",
                    digest,
                    true,
                    at);
        }
        String ref = String.valueOf(r.envelope().seq());
        if (!node.value().equals(r.envelope().from())) {
            return refused(
                    node,
                    "order",
                    ref,
                    TradeReason.IDENTITY_MISMATCH,
                    "from " + r.envelope().from() + " on node " + node + "'s topic",
                    digest,
                    true,
                    at);
        }
        Decoded<Order> o = Order.from(r.envelope());
        if (!o.isOk()) {
            return refused(node, "order", ref, TradeReason.MALFORMED, o.problem(), digest, true, at);
        }
        return new TradeInbound.OrderIn(node, o.value(), raw, digest, at);
    }

    private TradeInbound payment(NodeId node, byte[] raw, String digest, Instant at) {
        boolean cosign = looksLikeCosign(raw);
        if (cosign) {
            PaymentCheck.Checked<Cosign> c = PaymentCheck.cosign(raw);
            if (!c.ok()) {
                return refused(node, "cosign", shortRef(digest), map(c.reason()), c.detail(), digest, true, at);
            }
            return new TradeInbound.CosignIn(node, c.get(), raw, digest, at);
        }
        PaymentCheck.Checked<Transfer> tr = PaymentCheck.transfer(raw);
        if (!tr.ok()) {
            return refused(node, "transfer", shortRef(digest), map(tr.reason()), tr.detail(), digest, true, at);
        }
        return new TradeInbound.TransferIn(node, tr.get(), raw, digest, at);
    }

    /** The receipt's ref for a payment: its digest, cut to what a ref may hold. */
    public static String shortRef(String digest) {
        return digest.isEmpty() ? "-" : digest;
    }

    /** Only to choose the decoder: the payload is checked strictly afterwards, whichever is chosen. */
    private static boolean looksLikeCosign(byte[] raw) {
        String head = new String(raw, 0, Math.min(raw.length, 40), java.nio.charset.StandardCharsets.US_ASCII);
        return head.startsWith("EBC1|{\"typ\":\"cosign\"");
    }

    private static TradeReason map(PaymentReason r) {
        return switch (r) {
            case KEY_NOT_BOUND -> TradeReason.KEY_NOT_BOUND;
            case BAD_SIGNATURE -> TradeReason.BAD_SIGNATURE;
            default -> TradeReason.MALFORMED;
        };
    }

    private static TradeInbound refused(
            NodeId node,
            String about,
            String ref,
            TradeReason reason,
            String detail,
            String digest,
            boolean answerable,
            Instant at) {
        return new TradeInbound.Refused(node, about, ref, reason, detail, digest, answerable, at);
    }
}
