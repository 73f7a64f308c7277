package org.ebc.gateway.payment;

/**
 * Why {@link Payments} refused something. The name is the wire text of a refused receipt's {@code reason}.
 * Each reason says which entry point gives it; every reason has a test.
 */
public enum Refusal {
    // --- the message itself ({@link org.ebc.payment.PaymentCheck}, when the core is handed raw bytes) ---
    /** Not a well-formed transfer or co-signature envelope. */
    MALFORMED,
    /** The key it carries does not hash to the signer's address, or the envelope is signed with another key. */
    KEY_NOT_BOUND,
    /** The signature does not verify with the key it carries. */
    BAD_SIGNATURE,

    // --- a transfer ---
    /** The payer's (or, for a co-signature, the payee's) address is not registered in this EAG's account pool. */
    UNKNOWN_ADDRESS,
    /** The address belongs to another node than the one whose topic the message came on. */
    WRONG_NODE,
    /** The payer's home EAG is another one: only the home EAG admits spends of an address. */
    NOT_HOME,
    /** The payer's node is on the consortium's blacklist (Part F). */
    BLACKLISTED,
    /** No bill with the transfer's bill id has been issued here. */
    UNKNOWN_BILL,
    /** Payer, payee or amount differ from the bill's. */
    BILL_MISMATCH,
    /** The bill is already pending (another transfer waits for its co-signature) or paid. */
    BILL_NOT_OPEN,
    /** The nonce is lower than the payer's next one: it was used by a transfer admitted or applied already. */
    REPLAY,
    /** The nonce is higher than the payer's next one (counting pending transfers). */
    NONCE_GAP,
    /** The payer's balance minus everything pending before this transfer does not cover it. */
    INSUFFICIENT_FUNDS,
    /**
     * The bill is covered by a loan: the EAG's credit bank pays it from the EAG's account, so its payer's own
     * transfer is refused ({@link Payments#cover}); covering it again for another loan is refused the same way.
     */
    COVERED,

    // --- a co-signature, and what an expiry tells the payer ---
    /** The co-signature names a transfer that was never admitted here. */
    UNKNOWN_TRANSFER,
    /** The co-signature does not match its transfer (payer, payee or nonce differ). */
    COSIGN_MISMATCH,
    /** The transfer was not co-signed within {@code payment.cosign.timeout} and has been released. */
    EXPIRED,
    /** Released because an earlier transfer of the same payer expired; submit it again, in nonce order. */
    RELEASED,

    // --- bills from settlement ({@link Payments#settled}) ---
    /** A bill issued by another EAG. */
    FOREIGN_BILL,
    /** A bill of another slot than the one being settled. */
    WRONG_SLOT,
    /** The bill's kind does not fit its addresses (the grid account pays grid-export, is paid by grid-import). */
    BILL_KIND_MISMATCH,
    /** A bill id issued before with other content. */
    BILL_CONFLICT,

    // --- a bill covered by a loan ({@link Payments#cover}) ---
    /** Only a p2p bill can be covered by a loan: grid bills are between a node and the EAG itself. */
    NOT_COVERABLE,

    // --- allocations, mints, awards ---
    /** The node has no wallet address bound yet; allocate again once it has. */
    NO_ADDRESS,
    /** A mint reference used before for another address or amount. */
    MINT_CONFLICT,
    /** No proof-of-flow award for that period. */
    UNKNOWN_AWARD,
    /** The award was paid already, under another reference. */
    AWARD_PAID
}
