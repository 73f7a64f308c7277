package org.ebc.gateway.consensus;

/** Where an EAG is within a round. */
public enum RoundStep {
    /** Waiting for a valid proposal (in round 0: for the first valid proof of work). */
    PROPOSE,
    /** Audited and broadcast the result; waiting for a quorum of audits for one block. */
    AUDIT,
    /** Replied to the leader; locked; waiting for the leader's commit. */
    REPLY
}
