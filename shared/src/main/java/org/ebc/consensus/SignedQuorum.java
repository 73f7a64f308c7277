package org.ebc.consensus;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ebc.units.EagId;

/**
 * The one check behind commit certificates and re-proposal justifications: at least a quorum of distinct
 * genesis EAGs signed a vote of one kind for one block at one height and round. Pure and thread-safe;
 * never throws on hostile input.
 */
public final class SignedQuorum {
    /** An embedded vote is a few hundred bytes; anything near this is not one of ours. */
    public static final int MAX_VOTE_BYTES = 8 * 1024;

    private SignedQuorum() {}

    /**
     * Checks {@code votes} (raw signed envelopes) as {@code kind} votes for {@code block} at
     * ({@code height}, {@code round}) under {@code consortium}'s genesis, keys and quorum.
     *
     * @param kind {@link MessageKind#AUDIT} (a justification) or {@link MessageKind#REPLY} (a certificate)
     */
    public static CertificateCheck check(
            MessageKind kind, List<byte[]> votes, Consortium consortium, long height, int round, BlockHash block) {
        return check(kind, votes, consortium, height, round, block, new java.util.ArrayList<>());
    }

    /**
     * As {@link #check(MessageKind, List, Consortium, long, int, BlockHash)}, adding every vote it decoded to
     * {@code decoded} (a caller that files the votes need not verify them twice).
     */
    public static CertificateCheck check(
            MessageKind kind,
            List<byte[]> votes,
            Consortium consortium,
            long height,
            int round,
            BlockHash block,
            List<Signed<?>> decoded) {
        if (kind != MessageKind.AUDIT && kind != MessageKind.REPLY) {
            throw new IllegalArgumentException("only audits and replies form a quorum, not " + kind);
        }
        int quorum = consortium.quorum();
        if (votes.size() < quorum) {
            return new CertificateCheck(CertificateReason.BELOW_QUORUM, votes.size() + " votes, quorum " + quorum);
        }
        if (votes.size() > consortium.size()) {
            return new CertificateCheck(
                    CertificateReason.DUPLICATE_SIGNER,
                    votes.size() + " votes from a consortium of " + consortium.size());
        }
        Set<EagId> signers = new HashSet<>();
        for (int i = 0; i < votes.size(); i++) {
            Decoded d = ConsensusCodec.decode(votes.get(i), consortium, MAX_VOTE_BYTES);
            if (!d.isOk()) {
                return new CertificateCheck(
                        CertificateReason.BAD_VOTE, "vote " + i + ": " + d.reason() + " (" + d.detail() + ")");
            }
            ConsensusPayload p = d.signed().payload();
            if (p.kind() != kind || !(p instanceof RoundMessage rm)) {
                return new CertificateCheck(CertificateReason.VOTE_MISMATCH, "vote " + i + " is a " + p.kind());
            }
            BlockHash votedFor = rm.block();
            if (rm.height() != height || rm.round() != round || !Objects.equals(votedFor, block)) {
                return new CertificateCheck(
                        CertificateReason.VOTE_MISMATCH,
                        "vote " + i + " is for h=" + rm.height() + " r=" + rm.round() + " " + votedFor + ", expected h="
                                + height + " r=" + round + " " + block);
            }
            if (!signers.add(p.from())) {
                return new CertificateCheck(
                        CertificateReason.DUPLICATE_SIGNER, "vote " + i + ": " + p.from() + " signed twice");
            }
            decoded.add(d.signed());
        }
        return CertificateCheck.OK;
    }
}
