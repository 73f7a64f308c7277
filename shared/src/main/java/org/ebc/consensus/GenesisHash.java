package org.ebc.consensus;

/**
 * The hash of the consortium's genesis (the authority-signed file that fixes the EAGs, their keys and the
 * quorum rule): 64 lowercase hex characters of SHA-256. Every consensus message names it, so a message
 * of another consortium, or of a re-issued genesis, is refused as {@link DecodeReason#WRONG_GENESIS}.
 */
public record GenesisHash(String hex) {

    public GenesisHash {
        HexDigest.require("genesis hash", hex);
    }

    public static boolean isValid(String hex) {
        return HexDigest.isValid(hex);
    }

    /** SHA-256 over the genesis file's exact bytes. */
    public static GenesisHash sha256(byte[] genesisFile) {
        return new GenesisHash(HexDigest.hexOf(HexDigest.sha256(genesisFile)));
    }

    @Override
    public String toString() {
        return hex;
    }
}
