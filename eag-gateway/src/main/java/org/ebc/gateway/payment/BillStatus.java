package org.ebc.gateway.payment;

/** A bill's payment state: open → pending → paid, and back to open when its transfer is released. */
public enum BillStatus {
    /** Not paid, nothing pending: its payer may pay it (or cannot yet: it stays open and visible). */
    OPEN,
    /** A transfer for it is admitted and waits for its co-signature. */
    PENDING,
    /** Paid by exactly one applied transfer of exactly its amount (or nothing to pay: amount 0). Final. */
    PAID
}
