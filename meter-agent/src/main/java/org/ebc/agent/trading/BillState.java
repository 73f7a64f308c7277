package org.ebc.agent.trading;

/**
 * Where a bill stands. A bill to pay goes {@code OPEN → SENT → PENDING → PAID}; one the address cannot cover
 * is {@code UNFUNDED} (open and visible, tried again when a balance notice shows the coins), one refused for
 * another reason is {@code REFUSED}; one a loan of the EAG's credit bank took over is {@code COVERED} (the bank
 * pays it; the node owes the loan instead). A bill to receive goes {@code OPEN → COSIGNED → PAID}.
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
    COSIGNED,
    /** A bill to pay that a loan covers: the EAG's account pays it for the node, which owes the loan instead. */
    COVERED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Still owed by this bill (or still to be received); a covered bill is owed to the bank, as the loan. */
    public boolean open() {
        return this != PAID && this != COVERED;
    }
}
