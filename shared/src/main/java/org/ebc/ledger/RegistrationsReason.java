package org.ebc.ledger;

/** Why a registrations document was accepted or refused ({@link Registrations#verify}). */
public enum RegistrationsReason {
    OK,
    TOO_LARGE,
    /** Not a signed envelope, or its signature section is damaged. */
    MALFORMED_ENVELOPE,
    /** Not signed with the authority root's key, or {@code from} is not the root's name. */
    NOT_FROM_AUTHORITY,
    /** The authority's signature does not verify. */
    BAD_SIGNATURE,
    /** A field is missing, has the wrong shape or value, or the payload is not the one accepted encoding. */
    MALFORMED,
    /** One node listed twice, or one wallet address bound to two nodes. */
    DUPLICATE
}
