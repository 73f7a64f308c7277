package org.ebc.gateway.consensus;

/** The core's timers. */
public enum TimerKind {
    /** A round from 1 on: the scheduled proposer's block did not arrive in time; audit nil. */
    PROPOSE,
    /** The audits of the round did not show a quorum for one block in time; go to the next round. */
    AUDIT,
    /** The leader's commit did not arrive in time after this EAG replied; go to the next round. */
    REPLY,
    /** A catch-up request was not answered, or this EAG saw it is behind; ask (another) peer. */
    SYNC
}
