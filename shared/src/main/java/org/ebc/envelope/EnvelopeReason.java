package org.ebc.envelope;

/** Why a signed envelope was accepted or refused. */
public enum EnvelopeReason {
    OK,
    TOO_LARGE,
    /** Not {@code EBC1|<payload>|<signature>}. */
    MALFORMED_FRAME,
    /** The payload is not acceptable JSON or lacks {@code typ}, {@code ts}, {@code from} or {@code seq}. */
    MALFORMED_PAYLOAD,
    /** The signature section is not acceptable JSON, has a field other than KI/SA/SD, or {@code KI}/{@code SD} have the wrong shape. */
    MALFORMED_SIGNATURE,
    UNSUPPORTED_ALGORITHM,
    /** No key is known under the envelope's key id. */
    UNKNOWN_KEY,
    BAD_SIGNATURE
}
