package org.ebc.gateway.verify;

/**
 * Why the ingress refused an order, transfer or co-signature before the market or the payment core saw it. The
 * name is the {@code reason} of the negative {@link org.ebc.trade.Receipt}.
 */
public enum TradeReason {
    /** Not {@code ebc/v1/<this eag>/meter/<node>/order} or {@code …/payment}. */
    BAD_TOPIC,
    /** Larger than a market or payment message can be; refused unread. */
    TOO_LARGE,
    /** No certificate is bound to the topic's node. */
    UNKNOWN_NODE,
    CERTIFICATE_EXPIRED,
    CERTIFICATE_NOT_YET_VALID,
    CERTIFICATE_REVOKED,
    /** Not a well-formed envelope of an expected type, or a field out of shape. */
    MALFORMED,
    /** An order whose signature does not verify with the node's key, or a payment's with the key it carries. */
    BAD_SIGNATURE,
    /** An order whose {@code from} is not the topic's node. */
    IDENTITY_MISMATCH,
    /** A payment signed with a key that is not the key of the address it names. */
    KEY_NOT_BOUND
}
