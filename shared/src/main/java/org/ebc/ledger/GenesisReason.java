package org.ebc.ledger;

/** Why a genesis file was accepted or refused ({@link Genesis#verify}). */
public enum GenesisReason {
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
    /** An EAG certificate is not an EAG certificate of this authority valid at the genesis time, or its CN is not the id. */
    BAD_EAG_CERTIFICATE,
    /** Two EAGs with one id or one key. */
    DUPLICATE_EAG
}
