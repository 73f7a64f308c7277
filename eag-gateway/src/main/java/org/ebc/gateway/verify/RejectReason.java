package org.ebc.gateway.verify;

/**
 * Why the gateway refused a message on its ingress. Every code is counted, written to the rejection log
 * and, when the sending node is known, returned to it in a negative acknowledgement (the code's name is
 * the wire text in {@link org.ebc.wire.Ack.Rejection#reason()}).
 */
public enum RejectReason {
    /** Larger than the configured record limit; refused before anything is parsed. */
    TOO_LARGE,
    /** Not {@code ebc/v1/<this eag>/meter/<node>/reading} (or {@code …/certificate}). */
    BAD_TOPIC,
    /** Not a well-formed OCMF record or certificate message, or a required register is missing. */
    MALFORMED,
    /** The record names a signature algorithm, encoding or mime type other than ECDSA-P256-SHA256/hex/DER. */
    UNSUPPORTED_ALGORITHM,
    /** No certificate is bound to the topic's node. */
    UNKNOWN_NODE,
    /** The node's certificate is past its notAfter at the gateway's clock. */
    CERTIFICATE_EXPIRED,
    /** The node's certificate starts after the gateway's clock. */
    CERTIFICATE_NOT_YET_VALID,
    /** The authority's revocation list names the node's certificate. */
    CERTIFICATE_REVOKED,
    /** A certificate that does not chain to the authority, has the wrong role, or is not an ebc subject. */
    CERTIFICATE_INVALID,
    /** A certificate older than the one already bound to that node (a rolled-back key). */
    CERTIFICATE_SUPERSEDED,
    /** The signature does not verify over the exact payload bytes with the topic node's key. */
    BAD_SIGNATURE,
    /** Certificate, topic, OCMF {@code GS} and {@code MS} do not name the same node and meter. */
    IDENTITY_MISMATCH,
    /**
     * A page the gateway already holds, with different bytes: the node signed one page number twice. An
     * honest agent never does (its page counter is fsync'd before it signs), so this is a cloned or tampered
     * meter, not a resend: both records are kept as evidence and the node is flagged for the operator.
     */
    DOUBLE_SIGNED_PAGE,
    /**
     * A register increase that implies more power, over the time since the neighbouring stored page, than the
     * node's rated connection can carry: a tampered or broken meter. Refused, never settled.
     */
    IMPLAUSIBLE_POWER,
    /** An import or export register lower than a stored earlier page (or higher than a stored later one). */
    REGISTER_DECREASED,
    /** A reading time further ahead of the gateway's clock than allowed, from a clock that claims to be set. */
    CLOCK_IN_FUTURE
}
