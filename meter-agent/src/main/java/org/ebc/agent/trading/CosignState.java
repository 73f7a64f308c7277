package org.ebc.agent.trading;

/** Where a co-signature of the node stands. */
public enum CosignState {
    /** Signed, stored and published; no receipt yet. */
    SENT,
    /** The gateway has it (accepted or pending). */
    ACCEPTED,
    /** The transfer it co-signs moved the coins. */
    APPLIED,
    /** The gateway refused it. */
    REFUSED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
