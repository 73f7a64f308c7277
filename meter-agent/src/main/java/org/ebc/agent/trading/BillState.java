package org.ebc.agent.trading;

/**
 * Where a bill stands. A bill to pay goes {@code OPEN → SENT → PENDING → PAID}; one the address cannot cover
 * is {@code UNFUNDED} (open and visible, tried again when a balance notice shows the coins), one refused for
 * another reason is {@code REFUSED}. A bill to receive goes {@code OPEN → COSIGNED → PAID}.
 */
public enum BillState {
    /** Not paid yet; nothing in flight. */
    OPEN,
    /** The address's known balance, or the gateway, says it cannot cover it: open, waiting for coins. */
    UNFUNDED,
    /** A transfer is published; no receipt yet. */
    SENT,
    /** The gateway admitted the transfer (its nonce is used, the coins reserved); waiting for it to apply. */
    PENDING,
    /** The transfer moved the coins. */
    PAID,
    /** The gateway refused the transfer for a reason retrying with the same state cannot fix. */
    REFUSED,
    /** A bill to receive whose payment the node has co-signed. */
    COSIGNED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Still owed (or still to be received). */
    public boolean open() {
        return this != PAID;
    }
}
