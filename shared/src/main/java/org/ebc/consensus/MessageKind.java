package org.ebc.consensus;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of consensus message, by their {@code typ}. The first three are the votes of a round (the
 * paper's Fig. 3): signing two of one kind for different blocks at one height and round is equivocation.
 */
public enum MessageKind {
    /** The leader's signed proposal of a block; it travels inside {@link #PROPOSED_BLOCK} and approving audits. */
    PROPOSAL("cs-proposal"),
    /** The leader's broadcast: its proposal, the block data and the justification of a re-proposal. */
    PROPOSED_BLOCK("cs-block"),
    /** An EAG's signed audit result, broadcast to all (prevote / QBFT prepare). */
    AUDIT("cs-audit"),
    /** An EAG's reply to the leader after comparing the audit results (precommit / QBFT commit seal). */
    REPLY("cs-reply"),
    /** The leader's commit: the block hash with the certificate of agreeing replies. */
    COMMIT("cs-commit"),
    /** Ask a peer for committed blocks from a height on. */
    SYNC_REQUEST("cs-sync-req"),
    /** Committed blocks with their certificates, answering a request or a lagging peer. */
    SYNC_BLOCKS("cs-sync"),
    /** Two conflicting signed votes of one EAG, reported by another. */
    EVIDENCE("cs-evidence");

    private final String typ;

    MessageKind(String typ) {
        this.typ = typ;
    }

    /** The envelope's {@code typ}. */
    public String typ() {
        return typ;
    }

    /** True for the votes of a round: proposal, audit, reply. */
    public boolean isVote() {
        return this == PROPOSAL || this == AUDIT || this == REPLY;
    }

    public static @Nullable MessageKind fromTyp(String typ) {
        for (MessageKind k : values()) {
            if (k.typ.equals(typ)) {
                return k;
            }
        }
        return null;
    }
}
