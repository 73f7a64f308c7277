package org.ebc.ledger;

/**
 * Why a ledger transaction, or one of the payment envelopes inside it ({@code org.ebc.payment.Transfer},
 * {@code Cosign}, checked by {@code PaymentCheck}), was accepted or refused by its codec. These are the checks one envelope can answer on its own; the rules
 * that need the chain (balances, nonces, home EAG, duplicates) are the block validator's.
 */
public enum TxReason {
    OK,
    /** Longer than the format's limit ({@link LedgerTransaction#MAX_BYTES}). */
    TOO_LARGE,
    /** Not {@code EBC1|<payload>|<signature section>}, or the signature section is damaged. */
    MALFORMED_ENVELOPE,
    /** The admission is signed by a key that belongs to no EAG of the consortium's genesis. */
    UNKNOWN_EAG,
    /** The admitting EAG's signature does not verify, or {@code from} names another EAG than the signer. */
    BAD_SIGNATURE,
    /** The ledger transaction's payload is not exactly the encoding this codec writes for its fields. */
    MALFORMED_PAYLOAD,
    /** A {@code kind} this codec does not know. */
    UNKNOWN_KIND,
    /** The inner transfer is not a well-formed transfer ({@code PaymentReason.MALFORMED}). */
    MALFORMED_TRANSFER,
    /** The inner transfer is not signed by the key of its payer address ({@code KEY_NOT_BOUND}, {@code BAD_SIGNATURE}). */
    BAD_TRANSFER_SIGNATURE,
    /** The inner cosign is not a well-formed cosign. */
    MALFORMED_COSIGN,
    /** The inner cosign is not signed by the key of its payee address. */
    BAD_COSIGN_SIGNATURE,
    /** The cosign is valid but is not for this transfer (payee, payer, nonce or transfer hash differ). */
    COSIGN_MISMATCH
}
