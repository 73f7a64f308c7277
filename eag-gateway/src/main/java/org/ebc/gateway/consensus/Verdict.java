package org.ebc.gateway.consensus;

import org.ebc.consensus.CertificateCheck;
import org.ebc.consensus.CertificateReason;
import org.ebc.consensus.DecodeReason;

/**
 * What the core did with an input. The adapter counts each verdict and logs a refusal once per sender
 * and verdict per minute; none of them is an exception.
 */
public enum Verdict {
    ACCEPTED(true),

    // The message itself (ConsensusCodec.decode), in the order they are checked.
    TOO_LARGE(false),
    MALFORMED_ENVELOPE(false),
    /** Signed with a key that is no genesis EAG's. */
    NOT_A_MEMBER(false),
    BAD_SIGNATURE(false),
    MALFORMED_PAYLOAD(false),
    UNKNOWN_TYPE(false),
    SIGNER_MISMATCH(false),
    WRONG_GENESIS(false),

    /** This EAG's own message, echoed back by the broker. */
    OWN_MESSAGE(false),
    /** For a height already committed here; the sender is behind and is sent the blocks it lacks. */
    OLD_HEIGHT(false),
    /** For a height not reached here; kept for the next height, and this EAG catches up. */
    FUTURE_HEIGHT(false),
    /** For a round so far ahead that it can only be damage or an attempt to exhaust memory. */
    ROUND_TOO_FAR_AHEAD(false),
    /** The same vote again (a re-delivery): idempotent, nothing changes. */
    DUPLICATE(false),
    /** A second, different vote of the sender at one height, round and kind: evidence was produced. */
    EQUIVOCATION(false),

    // Proposals.
    /** A proposal from round 1 on by an EAG that is not the round's scheduled proposer. */
    NOT_PROPOSER(false),
    /** A round-0 proposal of a block that another EAG mined: in round 0 the fastest miner leads. */
    PROPOSER_NOT_MINER(false),
    /** The proposal's (or catch-up answer's, or miner's) bytes are not a block. */
    BLOCK_UNREADABLE(false),
    /** The block does not hash to the hash the message names. */
    BLOCK_HASH_MISMATCH(false),
    BLOCK_WRONG_HEIGHT(false),
    /** The block does not extend this EAG's committed chain. */
    BLOCK_WRONG_PARENT(false),
    /** The block validator refused the block (the detail names its reason, e.g. INSUFFICIENT_WORK). */
    BLOCK_INVALID(false),
    /** A re-proposal's justification is not a quorum of audits for that block in its valid round. */
    BAD_JUSTIFICATION(false),
    /** An approving audit whose embedded proposal is not a valid signed proposal of that block, height and round. */
    AUDIT_PROPOSAL_INVALID(false),

    // Certificates (commits and catch-up answers).
    CERTIFICATE_BELOW_QUORUM(false),
    /** Any other certificate failure: bad vote, mismatching vote, duplicate signer, other genesis. */
    CERTIFICATE_INVALID(false),

    // Catch-up.
    /** Catch-up blocks that do not continue this EAG's chain (a gap). */
    SYNC_UNEXPECTED(false),
    /** The same catch-up request again, too soon. */
    SYNC_THROTTLED(false),

    /** An evidence report whose two messages do not prove what it claims. */
    EVIDENCE_FALSE(false),
    /** The miner's block is for a height or parent that consensus has left. */
    MINED_STALE(false);

    private final boolean accepted;

    Verdict(boolean accepted) {
        this.accepted = accepted;
    }

    public boolean accepted() {
        return accepted;
    }

    static Verdict of(DecodeReason reason) {
        return switch (reason) {
            case OK -> ACCEPTED;
            case TOO_LARGE -> TOO_LARGE;
            case MALFORMED_ENVELOPE -> MALFORMED_ENVELOPE;
            case NOT_A_MEMBER -> NOT_A_MEMBER;
            case BAD_SIGNATURE -> BAD_SIGNATURE;
            case MALFORMED_PAYLOAD -> MALFORMED_PAYLOAD;
            case UNKNOWN_TYPE -> UNKNOWN_TYPE;
            case SIGNER_MISMATCH -> SIGNER_MISMATCH;
            case WRONG_GENESIS -> WRONG_GENESIS;
        };
    }

    static Handled of(CertificateCheck check) {
        if (check.isOk()) {
            return Handled.ACCEPTED;
        }
        return new Handled(
                check.reason() == CertificateReason.BELOW_QUORUM ? CERTIFICATE_BELOW_QUORUM : CERTIFICATE_INVALID,
                check.reason() + ": " + check.detail());
    }
}
