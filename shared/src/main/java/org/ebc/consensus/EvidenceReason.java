package org.ebc.consensus;

/** Why two signed messages do or do not prove that an EAG equivocated. */
public enum EvidenceReason {
    /** Proven: one EAG signed two different votes of one kind at one height and round. */
    OK,
    /** One of the two messages does not decode under the genesis (forged, damaged, not a member's). */
    MESSAGE_INVALID,
    /** One of them is not a vote (proposal, audit, reply). */
    NOT_A_VOTE,
    /** They are signed by different EAGs. */
    DIFFERENT_SIGNERS,
    /** They are of different kinds, heights or rounds. */
    DIFFERENT_SLOT,
    /** They say the same thing (the same block, or both nil): a repeat, not a conflict. */
    NOT_CONFLICTING
}
