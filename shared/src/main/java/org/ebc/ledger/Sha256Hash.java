package org.ebc.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A 32-byte SHA-256 value: a transaction id, a block hash, a Merkle node, the consortium's chain id (the
 * genesis hash). Written as 64 lowercase hex characters. Compared as an unsigned 256-bit big-endian
 * number, which is how proof of work reads a block hash against its {@link Target}.
 *
 * <p>Hashing uses the JDK's own {@code SUN} provider, asked for by name: with Bouncy Castle registered as
 * well (the gateway's signature provider), a plain {@code getInstance("SHA-256")} would depend on provider
 * order, and the JDK's digest (with CPU intrinsics) is several times faster than Bouncy Castle's here
 * ({@code docs/benchmarks.md}, Part E). Immutable and thread-safe; each thread keeps its own digest.
 */
public final class Sha256Hash implements Comparable<Sha256Hash> {
    public static final int LENGTH = 32;
    public static final Sha256Hash ZERO = new Sha256Hash(new byte[LENGTH]);

    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256Hash::newDigest);

    private final byte[] bytes;

    private Sha256Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** SHA-256 of {@code data}. */
    public static Sha256Hash of(byte[] data) {
        return new Sha256Hash(DIGEST.get().digest(data));
    }

    /** SHA-256 of {@code data[offset, offset+length)}. */
    public static Sha256Hash of(byte[] data, int offset, int length) {
        MessageDigest d = DIGEST.get();
        d.update(data, offset, length);
        return new Sha256Hash(d.digest());
    }

    /** SHA-256 of one prefix byte followed by {@code a} and {@code b} (a Merkle node, see {@link MerkleTree}). */
    static Sha256Hash ofPrefixed(byte prefix, Sha256Hash a, @Nullable Sha256Hash b) {
        MessageDigest d = DIGEST.get();
        d.update(prefix);
        d.update(a.bytes);
        if (b != null) {
            d.update(b.bytes);
        }
        return new Sha256Hash(d.digest());
    }

    /** Wraps 32 bytes (copied). */
    public static Sha256Hash wrap(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 value has 32 bytes, not " + bytes.length);
        }
        return new Sha256Hash(bytes.clone());
    }

    /** Reads 32 bytes at {@code offset} (copied). */
    static Sha256Hash read(byte[] from, int offset) {
        return new Sha256Hash(Arrays.copyOfRange(from, offset, offset + LENGTH));
    }

    /** Parses exactly 64 lowercase hex characters; empty for anything else. */
    public static Optional<Sha256Hash> parseHex(@Nullable String text) {
        if (text == null || text.length() != 2 * LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return Optional.empty();
            }
        }
        return Optional.of(new Sha256Hash(HEX.parseHex(text)));
    }

    /** A fresh SHA-256 digest of the JDK's {@code SUN} provider (not thread-safe; one per user). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256", "SUN");
        } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new IllegalStateException("the JDK's SHA-256 (provider SUN) is missing", e);
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    void copyInto(byte[] to, int offset) {
        System.arraycopy(bytes, 0, to, offset, LENGTH);
    }

    /** True if this value, read as an unsigned big-endian number, is at most {@code bound}'s 32 bytes. */
    boolean isAtMost(byte[] bound) {
        return Arrays.compareUnsigned(bytes, bound) <= 0;
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public int compareTo(Sha256Hash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Sha256Hash h && Arrays.equals(bytes, h.bytes);
    }

    /**
     * The first four bytes, big-endian (a contract: tables keyed by hashes may bucket by it). SHA-256 output
     * is uniform, so four of its bytes are as good a hash code as all of them.
     */
    @Override
    public int hashCode() {
        return (bytes[0] << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    @Override
    public String toString() {
        return hex();
    }
}
