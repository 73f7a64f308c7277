package org.ebc.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.ebc.json.StrictJson;

/**
 * Evidence that an EAG signed two conflicting votes: two proposals, two audits or two replies of one
 * height and round that name different blocks (for audits, a block and nil also conflict). Votes are
 * small (a proposal names its block by hash), so evidence is a few kilobytes at most. The two signed
 * envelopes are the whole proof: anyone with the genesis can check them with {@link #check}, whoever
 * reports them. The lead records them on chain as a ledger transaction of kind {@code evidence} and they
 * travel between EAGs inside an {@link EvidenceReport}.
 *
 * @param first one signed message, raw
 * @param second the other, raw
 */
public record Equivocation(byte[] first, byte[] second) {
    /** The {@code typ} of the document a ledger transaction of kind {@code evidence} carries. */
    public static final String DOCUMENT_TYPE = "equivocation";

    public Equivocation {
        first = first.clone();
        second = second.clone();
    }

    @Override
    public byte[] first() {
        return first.clone();
    }

    @Override
    public byte[] second() {
        return second.clone();
    }

    /**
     * The document recorded on chain: {@code {"typ":"equivocation","a":"<base64 first>","b":"<base64 second>"}},
     * fields in this order, no spaces.
     */
    public byte[] document() {
        Base64.Encoder b64 = Base64.getEncoder();
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", DOCUMENT_TYPE);
            g.writeStringField("a", b64.encodeToString(first));
            g.writeStringField("b", b64.encodeToString(second));
            g.writeEndObject();
        });
    }

    /** Reads a {@link #document()} in its one spelling; empty for anything else. Never throws. */
    public static Optional<Equivocation> fromDocument(byte[] document) {
        Optional<JsonNode> o = StrictJson.parseObject(document);
        if (o.isEmpty() || o.get().size() != 3 || !DOCUMENT_TYPE.equals(StrictJson.text(o.get(), "typ"))) {
            return Optional.empty();
        }
        String a = StrictJson.text(o.get(), "a");
        String b = StrictJson.text(o.get(), "b");
        if (a == null || b == null) {
            return Optional.empty();
        }
        try {
            Equivocation e = new Equivocation(
                    Base64.getDecoder().decode(a), Base64.getDecoder().decode(b));
            return Arrays.equals(e.document(), document) ? Optional.of(e) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
    /** Pure; never throws. Votes are small: anything over {@link SignedQuorum#MAX_VOTE_BYTES} is refused. */
    public EvidenceCheck check(Consortium consortium) {
        int maxBytes = SignedQuorum.MAX_VOTE_BYTES;
        Decoded a = ConsensusCodec.decode(first, consortium, maxBytes);
        if (!a.isOk()) {
            return EvidenceCheck.refuse(
                    EvidenceReason.MESSAGE_INVALID, "first: " + a.reason() + " (" + a.detail() + ")");
        }
        Decoded b = ConsensusCodec.decode(second, consortium, maxBytes);
        if (!b.isOk()) {
            return EvidenceCheck.refuse(
                    EvidenceReason.MESSAGE_INVALID, "second: " + b.reason() + " (" + b.detail() + ")");
        }
        ConsensusPayload pa = a.signed().payload();
        ConsensusPayload pb = b.signed().payload();
        if (!pa.kind().isVote() || !pb.kind().isVote()) {
            return EvidenceCheck.refuse(EvidenceReason.NOT_A_VOTE, pa.kind() + " and " + pb.kind());
        }
        if (!pa.from().equals(pb.from())) {
            return EvidenceCheck.refuse(EvidenceReason.DIFFERENT_SIGNERS, pa.from() + " and " + pb.from());
        }
        RoundMessage ra = (RoundMessage) pa;
        RoundMessage rb = (RoundMessage) pb;
        if (pa.kind() != pb.kind() || ra.height() != rb.height() || ra.round() != rb.round()) {
            return EvidenceCheck.refuse(EvidenceReason.DIFFERENT_SLOT, ra + " and " + rb);
        }
        if (Objects.equals(ra.block(), rb.block())) {
            return EvidenceCheck.refuse(EvidenceReason.NOT_CONFLICTING, "both name " + ra.block());
        }
        return new EvidenceCheck(
                EvidenceReason.OK,
                pa.from() + " signed two " + pa.kind().typ() + " at h=" + ra.height() + " r=" + ra.round(),
                pa.from(),
                pa.kind(),
                ra.height(),
                ra.round());
    }
}
