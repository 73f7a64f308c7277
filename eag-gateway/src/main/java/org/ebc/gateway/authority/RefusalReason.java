package org.ebc.gateway.authority;

/** Why the registration authority refused a command; each refusal has its own code. */
public enum RefusalReason {
    /** {@code init} on a directory that already holds an authority. */
    ALREADY_INITIALISED,
    /** The directory holds no authority, or an incomplete or inconsistent one. */
    NOT_AN_AUTHORITY,
    /** The authority's own certificate has expired or would end before the requested certificate. */
    AUTHORITY_VALIDITY,
    /** The CSR is unusable: no proof of possession, not P-256, or not an ebc subject. */
    BAD_CSR,
    /** An EAG request given where a node request was expected, or the other way round. */
    WRONG_ROLE,
    /** An id, meter serial, true identity or name that does not have an acceptable shape. */
    BAD_NAME,
    /** The CSR names another meter serial than the operator gave. */
    METER_SERIAL_MISMATCH,
    /** The id already has a valid certificate (and {@code --replace} was not given). */
    ALREADY_ENROLLED,
    /** The meter serial is already bound to another node's valid certificate. */
    METER_ALREADY_BOUND,
    /** A wallet-binding request from a key that belongs to no node enrolled here. */
    UNKNOWN_NODE,
    /** The node's certificate is expired, revoked or not from this authority. */
    NODE_CERTIFICATE_INVALID,
    /** A wallet-binding request that is malformed, wrongly signed or of another type. */
    BAD_REQUEST,
    /** A wallet key did not sign its proof of possession. */
    WALLET_PROOF_INVALID,
    /** A wallet address is already bound to another node. */
    ADDRESS_TAKEN,
    /** The node already has other wallets bound (and {@code --replace} was not given). */
    ALREADY_BOUND,
    /** A wallet-binding request not newer than the binding it would replace (a replay). */
    STALE_REQUEST,
    /** No certificate with that id or serial was issued here. */
    UNKNOWN_CERTIFICATE,
    /** The certificate is already revoked. */
    ALREADY_REVOKED
}
