package org.ebc.ocmf;

/** Why an OCMF record was accepted or refused by the decoder or verifier. */
public enum OcmfReason {
    OK,
    /** Larger than {@link OcmfCodec#MAX_RECORD_BYTES}. */
    TOO_LARGE,
    /** Not {@code OCMF|<payload>|<signature>}. */
    MALFORMED_FRAME,
    /** The payload section is not acceptable JSON, or a field has the wrong type or shape. */
    MALFORMED_PAYLOAD,
    /** The signature section is not acceptable JSON, has a field other than SA/SE/SM/SD, or {@code SD} is not uppercase hex DER. */
    MALFORMED_SIGNATURE,
    /** {@code SA} is missing or names an algorithm other than ECDSA-secp256r1-SHA256, or encoding/mime other than hex/DER. */
    UNSUPPORTED_ALGORITHM,
    /** The signature does not verify over the exact payload bytes with the signer's key. */
    BAD_SIGNATURE,
    /** No key is known for the record's signer. */
    UNKNOWN_KEY
}
