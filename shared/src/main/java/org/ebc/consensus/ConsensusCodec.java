package org.ebc.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;

/**
 * Signs and decodes consensus messages. Decoding verifies before it parses: the envelope is framed, its
 * key id must be a genesis EAG's, the signature must hold over the exact payload bytes, and only then is
 * the payload read: its {@code from} must be the EAG whose key signed, its {@code gen} the consortium's
 * genesis, and its fields exactly those of its kind. Embedded votes (justifications, certificates) are
 * kept raw here and verified by whoever relies on them ({@link SignedQuorum}).
 *
 * <p>Stateless and thread-safe; {@link #decode} never throws.
 */
public final class ConsensusCodec {

    private ConsensusCodec() {}

    /** Signs {@code payload} as {@code signer}; {@code payload.from()} must be the signer. */
    public static <P extends ConsensusPayload> Signed<P> sign(P payload, EagSigner signer) {
        if (!payload.from().equals(signer.id())) {
            throw new IllegalArgumentException(signer.id() + " cannot sign a message from " + payload.from());
        }
        byte[] raw = EnvelopeCodec.sign(payload.payloadBytes(), signer.privateKey(), signer.keyId());
        return new Signed<>(payload, raw);
    }

    /**
     * Decodes {@code raw} as a message of {@code consortium}.
     *
     * @param maxBytes the largest message accepted (proposals and catch-up answers carry blocks)
     */
    public static Decoded decode(byte[] raw, Consortium consortium, int maxBytes) {
        try {
            return decodeOrThrow(raw, consortium, maxBytes);
        } catch (RuntimeException unexpected) {
            // A defect in a reader must not become an exception past the edge; report it as damage.
            return Decoded.reject(
                    DecodeReason.MALFORMED_PAYLOAD,
                    "unreadable: " + unexpected.getClass().getSimpleName());
        }
    }

    private static Decoded decodeOrThrow(byte[] raw, Consortium consortium, int maxBytes) {
        EnvelopeResult v =
                EnvelopeCodec.verify(raw, id -> consortium.memberByKey(id).map(Member::publicKey), maxBytes);
        if (!v.isOk()) {
            DecodeReason reason = switch (v.reason()) {
                case TOO_LARGE -> DecodeReason.TOO_LARGE;
                case UNKNOWN_KEY -> DecodeReason.NOT_A_MEMBER;
                case BAD_SIGNATURE -> DecodeReason.BAD_SIGNATURE;
                case MALFORMED_PAYLOAD -> DecodeReason.MALFORMED_PAYLOAD;
                default -> DecodeReason.MALFORMED_ENVELOPE;
            };
            return Decoded.reject(reason, v.detail());
        }
        SignedEnvelope e = v.envelope();
        MessageKind kind = MessageKind.fromTyp(e.type());
        if (kind == null) {
            return Decoded.reject(
                    DecodeReason.UNKNOWN_TYPE, "typ " + printable(e.type()) + " is not a consensus message");
        }
        Member signer = consortium.memberByKey(e.keyId()).orElseThrow();
        if (!EagId.isValid(e.from())) {
            return Decoded.reject(DecodeReason.MALFORMED_PAYLOAD, "from is not an EAG id");
        }
        EagId from = EagId.of(e.from());
        if (!from.equals(signer.id())) {
            return Decoded.reject(
                    DecodeReason.SIGNER_MISMATCH, "from " + from + " but signed with the key of " + signer.id());
        }
        JsonNode p = e.payload();
        String gen = StrictJson.text(p, "gen");
        if (gen == null || !GenesisHash.isValid(gen)) {
            return Decoded.reject(DecodeReason.MALFORMED_PAYLOAD, "gen must be 64 lowercase hex characters");
        }
        if (!gen.equals(consortium.genesis().hex())) {
            return Decoded.reject(DecodeReason.WRONG_GENESIS, "genesis " + gen + " is not ours");
        }
        GenesisHash genesis = consortium.genesis();
        ConsensusPayload payload;
        try {
            if (kind == MessageKind.PROPOSED_BLOCK) {
                return readProposedBlock(raw, fields(p, ProposedBlock.FIELDS), from, e, consortium);
            }
            payload = read(kind, p, from, e.timestampMillis(), genesis, consortium.size());
        } catch (PayloadFields.Malformed | IllegalArgumentException m) {
            return Decoded.reject(DecodeReason.MALFORMED_PAYLOAD, kind.typ() + ": " + m.getMessage());
        }
        if (e.seq() != payload.height()) {
            return Decoded.reject(DecodeReason.MALFORMED_PAYLOAD, "seq must repeat the height " + payload.height());
        }
        return Decoded.ok(new Signed<>(payload, raw));
    }

    /**
     * A proposed block embeds its sender's signed proposal: decoded (and so verified) here, and it must
     * name the height and round of the envelope around it.
     */
    private static Decoded readProposedBlock(
            byte[] raw, PayloadFields f, EagId from, SignedEnvelope e, Consortium consortium) {
        long h = f.whole("h", 1, Long.MAX_VALUE);
        int r = f.wholeInt("r", 0, RoundMessage.MAX_ROUND);
        byte[] inner = f.text("proposal", SignedQuorum.MAX_VOTE_BYTES).getBytes(StandardCharsets.UTF_8);
        byte[] data = f.chunks("data");
        List<byte[]> pol = f.envelopes("pol", consortium.size());
        Decoded d = decode(inner, consortium, SignedQuorum.MAX_VOTE_BYTES);
        if (!d.isOk()) {
            return Decoded.reject(d.reason(), "embedded proposal: " + d.detail());
        }
        Signed<Proposal> proposal = d.signed().as(Proposal.class).orElse(null);
        if (proposal == null) {
            return Decoded.reject(
                    DecodeReason.MALFORMED_PAYLOAD,
                    "cs-block: proposal is a " + d.signed().kind());
        }
        if (!proposal.from().equals(from)
                || proposal.payload().height() != h
                || proposal.payload().round() != r) {
            return Decoded.reject(
                    DecodeReason.MALFORMED_PAYLOAD,
                    "cs-block: the proposal is not the sender's for this height and round");
        }
        if (e.seq() != h) {
            return Decoded.reject(DecodeReason.MALFORMED_PAYLOAD, "seq must repeat the height " + h);
        }
        ProposedBlock block = new ProposedBlock(from, e.timestampMillis(), consortium.genesis(), proposal, data, pol);
        return Decoded.ok(new Signed<>(block, raw));
    }

    private static ConsensusPayload read(
            MessageKind kind, JsonNode p, EagId from, long ts, GenesisHash gen, int members) {
        return switch (kind) {
            case PROPOSAL -> Proposal.read(fields(p, Proposal.FIELDS), from, ts, gen);
            case PROPOSED_BLOCK -> throw new IllegalStateException("read by readProposedBlock");
            case AUDIT -> Audit.read(fields(p, Audit.FIELDS), from, ts, gen);
            case REPLY -> Reply.read(fields(p, Reply.FIELDS), from, ts, gen);
            case COMMIT -> Commit.read(fields(p, Commit.FIELDS), from, ts, gen, members);
            case SYNC_REQUEST -> SyncRequest.read(fields(p, SyncRequest.FIELDS), from, ts, gen);
            case SYNC_BLOCKS -> SyncBlocks.read(fields(p, SyncBlocks.FIELDS), from, ts, gen, members);
            case EVIDENCE -> EvidenceReport.read(fields(p, EvidenceReport.FIELDS), from, ts, gen);
        };
    }

    private static PayloadFields fields(JsonNode p, List<String> names) {
        return new PayloadFields(p, names);
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
