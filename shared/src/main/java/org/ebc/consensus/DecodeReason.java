package org.ebc.consensus;

/** Why {@link ConsensusCodec#decode} accepted or refused a message; checked in this order. */
public enum DecodeReason {
    OK,
    /** Larger than the configured limit. */
    TOO_LARGE,
    /** Not an {@code EBC1|…|…} envelope, or its signature section is damaged or of another algorithm. */
    MALFORMED_ENVELOPE,
    /** Signed with a key that is not the key of any EAG in the genesis. */
    NOT_A_MEMBER,
    /** The signature does not verify over the exact payload bytes. */
    BAD_SIGNATURE,
    /** The signed payload is not acceptable JSON, or a field is missing, extra or out of range. */
    MALFORMED_PAYLOAD,
    /** A signed envelope, but not a consensus message. */
    UNKNOWN_TYPE,
    /** {@code from} is not the EAG whose key signed. */
    SIGNER_MISMATCH,
    /** The message names another genesis: another consortium, or an old one. */
    WRONG_GENESIS
}
