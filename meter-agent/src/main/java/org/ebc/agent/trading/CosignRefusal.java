package org.ebc.agent.trading;

/** Why the agent does not co-sign a transfer it was asked to ({@link CosignCheck}). */
public enum CosignRefusal {
    /** The embedded transfer does not check by itself (malformed, key not bound to the payer, bad signature). */
    BAD_TRANSFER,
    /** The transfer names another bill than the request. */
    OTHER_BILL,
    /** The transfer does not pay one of this node's addresses. */
    NOT_OUR_ADDRESS,
    /** This node has received no bill with that id (held for a while in case the bill is still on its way). */
    UNKNOWN_BILL,
    /** The bill is one this node pays, not one it is paid. */
    NOT_A_SALE,
    /** Payer, payee or amount differ from the bill. */
    BILL_MISMATCH,
    /** The bill is paid already. */
    BILL_PAID,
    /** The payer's coins available to this transfer do not cover it. */
    NOT_COVERED
}
