package org.ebc.consensus;

import java.util.HexFormat;

/**
 * The hash that names a block on the consensus wire: 32 bytes of SHA-256, written as 64 lowercase hex
 * characters. Which bytes are hashed is the chain's business (its block header); consensus only compares
 * hashes and hands blocks to the {@code BlockAuditor}.
 */
public record BlockHash(String hex) implements Comparable<BlockHash> {

    public BlockHash {
        HexDigest.require("block hash", hex);
    }

    /** True if {@code hex} has the shape of a block hash; for decoders that must not throw. */
    public static boolean isValid(String hex) {
        return HexDigest.isValid(hex);
    }

    /** Wraps a 32-byte digest computed elsewhere. */
    public static BlockHash of(byte[] digest) {
        return new BlockHash(HexDigest.hexOf(digest));
    }

    /** SHA-256 over {@code data}. */
    public static BlockHash sha256(byte[] data) {
        return of(HexDigest.sha256(data));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    /** The first 12 hex characters: enough to tell blocks apart in a log line. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public int compareTo(BlockHash other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
