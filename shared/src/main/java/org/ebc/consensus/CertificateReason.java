package org.ebc.consensus;

/** Why a {@link CommitCertificate} (or a proposal's justification) holds or does not. */
public enum CertificateReason {
    OK,
    /** The certificate names another genesis. */
    WRONG_GENESIS,
    /** An embedded vote does not decode: bad signature, not a member, another genesis, malformed. */
    BAD_VOTE,
    /** An embedded vote is of another kind, height, round or block than the certificate. */
    VOTE_MISMATCH,
    /** Two embedded votes are signed by the same EAG. */
    DUPLICATE_SIGNER,
    /** Fewer distinct EAGs signed than the quorum. */
    BELOW_QUORUM
}
