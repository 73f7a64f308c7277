package org.ebc.payment;

/** Why a transfer or a co-signature does not check on its own ({@link PaymentCheck}). */
public enum PaymentReason {
    OK,
    /** Not a well-formed envelope of the expected type, or a field out of shape. */
    MALFORMED,
    /** The key in the message does not hash to the signer's address, or the envelope is signed with another key. */
    KEY_NOT_BOUND,
    /** The signature does not verify with the key. */
    BAD_SIGNATURE,
    /** A co-signature that does not refer to this transfer (digest, payer, payee or nonce differ). */
    COSIGN_MISMATCH
}
