package org.ebc.gateway.verify;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.ebc.json.StrictJson;
import org.ebc.ocmf.ClockStatus;
import org.ebc.ocmf.Obis;
import org.ebc.ocmf.OcmfCodec;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfReading;
import org.ebc.ocmf.OcmfResult;
import org.ebc.ocmf.OcmfVerifier;
import org.ebc.units.NodeId;
import org.ebc.units.PageCounter;
import org.ebc.wire.Topics;

/**
 * The first, stateless stage of the verification pipeline for one OCMF reading, in this order:
 * size limit → topic → node known with a currently valid, non-revoked certificate → signature over the
 * exact payload bytes with that node's key (before any of the payload is parsed; a record containing a
 * line break is refused first, so that exported records are one per line) → identity binding
 * (certificate CN = topic node = OCMF {@code GS}; certificate meter serial = OCMF {@code MS}) → register
 * shape (one import register, at most one export register) → clock.
 *
 * <p>Clock policy: a reading time more than {@link VerifyPolicy#maxClockAhead()} ahead of the gateway's
 * clock is {@link RejectReason#CLOCK_IN_FUTURE} when the meter claims its clock is set (status S or I);
 * a future-dated reading could otherwise be counted in a market slot that has not happened yet. Readings
 * whose clock is unsynchronised (U) or relative (R), or whose meter reports an error ({@code EF}) or a
 * status other than good ({@code ST≠G}), are accepted (they are genuine signed registers) but flagged
 * ({@link ReadingFlags}) so that settlement and operators do not trust their time or value blindly.
 *
 * <p>Page counter and register monotonicity depend on what is stored and are decided afterwards, one
 * meter at a time, by {@link SequenceJudge}.
 *
 * <p>Never throws on hostile input. Thread-safe if the {@link NodeDirectory} is: the gateway runs it on
 * several threads at once.
 */
public final class ReadingVerifier {
    private final VerifyPolicy policy;
    private final NodeDirectory nodes;

    public ReadingVerifier(VerifyPolicy policy, NodeDirectory nodes) {
        this.policy = policy;
        this.nodes = nodes;
    }

    public Verdict verify(String topic, byte[] message, Instant receivedAt) {
        byte[] raw = message == null ? new byte[0] : message;
        Optional<Topics.MeterTopic> parsedTopic = Topics.parseMeterTopic(topic);
        NodeId topicNode = parsedTopic.map(Topics.MeterTopic::node).orElse(null);
        if (raw.length > policy.maxRecordBytes()) {
            return rejected(new Rejection(
                    RejectReason.TOO_LARGE,
                    raw.length + " bytes, limit " + policy.maxRecordBytes(),
                    topicNode,
                    topic,
                    null,
                    raw.length,
                    receivedAt,
                    false,
                    ""));
        }
        String digest = RecordDigest.of(raw);
        if (parsedTopic.isEmpty()
                || !parsedTopic.get().eag().equals(policy.eag())
                || parsedTopic.get().kind() != Topics.MeterMessage.READING) {
            return rejected(new Rejection(
                    RejectReason.BAD_TOPIC,
                    "not " + Topics.allMeters(policy.eag(), Topics.MeterMessage.READING),
                    topicNode,
                    topic,
                    null,
                    raw.length,
                    receivedAt,
                    false,
                    digest));
        }
        Context c = new Context(topicNode, topic, raw, digest, receivedAt);

        NodeStanding standing = nodes.standing(topicNode, receivedAt);
        switch (standing.status()) {
            case UNKNOWN -> {
                return c.reject(RejectReason.UNKNOWN_NODE, "no certificate is bound to node " + topicNode, false);
            }
            case EXPIRED -> {
                return c.reject(
                        RejectReason.CERTIFICATE_EXPIRED,
                        "certificate expired at " + standing.credential().notAfter(),
                        true);
            }
            case NOT_YET_VALID -> {
                return c.reject(
                        RejectReason.CERTIFICATE_NOT_YET_VALID,
                        "certificate not valid before " + standing.credential().notBefore(),
                        true);
            }
            case REVOKED -> {
                return c.reject(
                        RejectReason.CERTIFICATE_REVOKED,
                        "certificate serial "
                                + standing.credential().certificateSerial().toString(16) + " is revoked",
                        true);
            }
            case TRUSTED -> {
                // carry on
            }
        }
        NodeCredential credential = standing.credential();
        if (containsLineBreak(raw)) {
            // Stored records are exported one per line; a record spanning lines could not be told apart.
            return c.reject(RejectReason.MALFORMED, "record contains a line break", true);
        }

        OcmfResult result = OcmfVerifier.verifyThenParse(raw, credential.key());
        if (!result.isOk()) {
            return switch (result.reason()) {
                case TOO_LARGE -> c.reject(RejectReason.TOO_LARGE, result.detail(), false);
                case UNSUPPORTED_ALGORITHM -> c.reject(RejectReason.UNSUPPORTED_ALGORITHM, result.detail(), true);
                case BAD_SIGNATURE, UNKNOWN_KEY -> badSignature(c, receivedAt);
                default -> c.reject(RejectReason.MALFORMED, result.detail(), true);
            };
        }
        OcmfPayload p = result.record().payload();
        c.page = p.page().value();

        if (!p.gatewaySerial().equals(topicNode.value())) {
            return c.reject(
                    RejectReason.IDENTITY_MISMATCH,
                    "GS " + p.gatewaySerial() + " does not name the topic's node " + topicNode,
                    true);
        }
        if (!p.meterSerial().equals(credential.meter().value())) {
            return c.reject(
                    RejectReason.IDENTITY_MISMATCH,
                    "MS " + p.meterSerial() + " is not the meter " + credential.meter() + " bound to " + topicNode
                            + "'s certificate",
                    true);
        }
        Set<String> registers = new HashSet<>();
        for (OcmfReading r : p.readings()) {
            if (!registers.add(r.obis())) {
                return c.reject(RejectReason.MALFORMED, "register " + r.obis() + " appears twice", true);
            }
        }
        Optional<OcmfReading> importReading = p.reading(Obis.IMPORT_ACTIVE_ENERGY);
        if (importReading.isEmpty()) {
            return c.reject(RejectReason.MALFORMED, "no import register " + Obis.IMPORT_ACTIVE_ENERGY, true);
        }
        Instant latest = receivedAt.plus(policy.maxClockAhead());
        for (OcmfReading r : p.readings()) {
            if ((r.clock() == ClockStatus.S || r.clock() == ClockStatus.I)
                    && r.time().isAfter(latest)) {
                return c.reject(
                        RejectReason.CLOCK_IN_FUTURE,
                        "reading time " + r.time() + " (clock " + r.clock() + ") is more than "
                                + policy.maxClockAhead().toSeconds() + " s ahead of the gateway's " + receivedAt,
                        true);
            }
        }
        OcmfReading imp = importReading.get();
        return new Verdict.Accepted(new VerifiedReading(
                topicNode,
                credential.meter(),
                c.page,
                imp.value(),
                p.exportRegister().orElse(null),
                imp.time(),
                imp.clock(),
                ReadingFlags.of(p.readings()),
                raw,
                digest,
                topic,
                receivedAt));
    }

    /**
     * The signature does not verify with the topic node's key. If it verifies with the key of the node
     * its {@code GS} names, a node published on another node's topic: say so, it is a different fault
     * (misconfiguration or an attempt to book readings on someone else's meter) from a forgery.
     */
    private Verdict badSignature(Context c, Instant receivedAt) {
        c.page = claimedPage(c.raw);
        OcmfResult other = OcmfVerifier.parseThenVerify(c.raw, payload -> {
            if (!NodeId.isValid(payload.gatewaySerial())
                    || payload.gatewaySerial().equals(c.node.value())) {
                return Optional.empty();
            }
            NodeStanding s = nodes.standing(NodeId.of(payload.gatewaySerial()), receivedAt);
            return s.credential() == null
                    ? Optional.empty()
                    : Optional.of(s.credential().key());
        });
        if (other.isOk()) {
            return c.reject(
                    RejectReason.IDENTITY_MISMATCH,
                    "signed by node " + other.record().payload().gatewaySerial() + " but published on " + c.node
                            + "'s topic",
                    true);
        }
        return c.reject(RejectReason.BAD_SIGNATURE, "signature does not verify with " + c.node + "'s key", true);
    }

    /**
     * The page a record claims, read without trusting it: only to label a negative ack so the agent knows
     * which of its records was refused (the digest lets it check the bytes are really its own).
     */
    static Long claimedPage(byte[] raw) {
        OcmfResult framed = OcmfCodec.frame(raw);
        if (!framed.isOk()) {
            return null;
        }
        return StrictJson.parseObject(framed.record().payloadBytes())
                .map(o -> PageCounter.parseOcmf(StrictJson.text(o, "PG")))
                .map(PageCounter::value)
                .orElse(null);
    }

    private static boolean containsLineBreak(byte[] raw) {
        for (byte b : raw) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    private static Verdict rejected(Rejection r) {
        return new Verdict.Rejected(r);
    }

    /** What every rejection of one message shares. */
    private static final class Context {
        final NodeId node;
        final String topic;
        final byte[] raw;
        final String digest;
        final Instant receivedAt;
        Long page;

        Context(NodeId node, String topic, byte[] raw, String digest, Instant receivedAt) {
            this.node = node;
            this.topic = topic;
            this.raw = raw;
            this.digest = digest;
            this.receivedAt = receivedAt;
        }

        Verdict reject(RejectReason reason, String detail, boolean nodeKnown) {
            if (nodeKnown && page == null) {
                page = claimedPage(raw);
            }
            boolean answerable = nodeKnown && page != null;
            return rejected(
                    new Rejection(reason, detail, node, topic, page, raw.length, receivedAt, answerable, digest));
        }
    }
}
