package org.ebc.ledger;

/** Why a header, coinbase or block was refused by its decoder (structure only; the rules are the validator's). */
public enum FormatReason {
    OK,
    TOO_LARGE,
    /** Wrong length, magic, field shape, or not the one accepted encoding. */
    MALFORMED
}
