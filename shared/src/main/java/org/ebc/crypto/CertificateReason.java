package org.ebc.crypto;

/** Why a certificate chain was accepted or refused; each refusal has its own code. */
public enum CertificateReason {
    VALID,
    /** Unreadable, empty, or not an ebc subject. */
    MALFORMED,
    EXPIRED,
    NOT_YET_VALID,
    /** Not signed by our authority (another CA, or a broken signature). */
    WRONG_CA,
    /** Signed by a certificate that is not allowed to act as a CA (for example a node certificate). */
    ISSUER_NOT_A_CA,
    REVOKED,
    /** Valid, but issued for another role than the one required (an EAG where a node was expected). */
    WRONG_ROLE,
    /** The certified key is not an ECDSA P-256 key. */
    UNSUPPORTED_KEY
}
