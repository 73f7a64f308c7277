package org.ebc.gateway.payment;

/** Where an admitted transfer stands. */
public enum TransferState {
    /** Admitted: coins reserved, nonce taken, waiting for the payee's co-signature until its deadline. */
    PENDING,
    /** Co-signed, waiting for an earlier transfer of the same payer to apply first (transfers apply in nonce order). */
    COSIGNED,
    /** Applied: coins moved, the record is in the memory pool. Final. */
    APPLIED,
    /** Released (expired, or behind an expired one): reservation back, bill open, nonce free again. */
    RELEASED;

    /** Admitted and not yet applied or released: it holds a reservation and a nonce. */
    public boolean live() {
        return this == PENDING || this == COSIGNED;
    }
}
