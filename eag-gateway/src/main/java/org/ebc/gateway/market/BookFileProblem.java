package org.ebc.gateway.market;

/** Why an order-book file was refused ({@link OrderBookFile#read}). */
public enum BookFileProblem {
    /** Larger than {@link OrderBookFile#MAX_BYTES}. */
    TOO_LARGE,
    /** Not one strict JSON object (invalid UTF-8 or JSON, duplicate keys, trailing bytes, too deep …). */
    NOT_JSON,
    /** {@code format} is missing or not {@value OrderBookFile#FORMAT}. */
    UNSUPPORTED_FORMAT,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field has the wrong type or a value out of range. */
    BAD_VALUE,
    /** A field the format does not define (a typo must not pass unnoticed). */
    UNKNOWN_FIELD,
    /** The parameters are well formed but cannot run a market ({@link ParameterProblem}). */
    BAD_PARAMETERS,
    /** The orders, parameters and posted terms do not form a book ({@link BookProblem}). */
    BAD_BOOK
}
